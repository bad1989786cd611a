package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.fetch.MaybeGzipped;
import dev.dl4jlab.data.idx.IdxFile;
import dev.dl4jlab.data.images.ImageDecoder;
import dev.dl4jlab.data.images.ImageFiles;
import dev.dl4jlab.data.images.ImageFormat;
import dev.dl4jlab.data.split.Pixels;
import dev.dl4jlab.data.split.TableColumns;
import dev.dl4jlab.data.table.CsvDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * New examples prepared exactly as a run's training data was, as the model's {@link Signature} says: images decoded and
 * resized to its size (the same decoder), IDX images of its size scaled to [0, 1], CSV columns found by name; then
 * scaled by the run's stored {@link FeatureScaling}. One name per row, for the predictions table.
 */
public record PredictionInputs(List<String> names, INDArray features) {

    /**
     * The examples in {@code inputs}, read as the model's {@code signature} says (CSV columns by name, image size);
     * images declaring more than {@code maxImagePixels} are refused before decoding.
     */
    public static PredictionInputs read(Signature signature, List<Path> inputs, long maxImagePixels, ProgressLine progress) {
        DatasetFacts dataset = DatasetRegistry.get(signature.dataset()).facts();
        if (signature.table() != null) {
            return concat(inputs.stream().map(file -> csvRows(file, signature.table(), progress)).toList());
        }
        return dataset.resizesImages() ? images(signature.images(), inputs, maxImagePixels, progress) : idx(signature, inputs, maxImagePixels);
    }

    /**
     * Rows of a CSV run's table given as column name → value (JSON objects), matched by name as a CSV file with a
     * header is; named {@code rows[i]}. Keys that are not the model's columns are ignored.
     */
    public static PredictionInputs rows(Signature signature, List<? extends java.util.Map<String, ?>> rows) {
        if (signature.table() == null) {
            throw new UserError("rows: this model takes " + signature.describe() + ", not table rows");
        }
        List<String> names = java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> "rows[" + i + "]").toList();
        return new PredictionInputs(names, CsvDataset.features(rows, signature.table(), "rows"));
    }

    /**
     * Encoded images (JPEG, PNG, ...) decoded, resized and scaled as the model's signature says: for an MNIST or IDX
     * run, grayscale at its size (a white digit on black, as MNIST's own images).
     *
     * @param names one per image, for messages
     */
    public static PredictionInputs images(Signature signature, List<String> names, List<byte[]> encoded, long maxImagePixels) {
        ImageDecoder decoder = decoder(signature, names.isEmpty() ? "images" : names.get(0), maxImagePixels, 1);
        byte[][] pixels = new byte[encoded.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = decoder.decode(names.get(i), encoded.get(i));
        }
        return new PredictionInputs(List.copyOf(names), Pixels.toFeatures(pixels));
    }

    private static ImageDecoder decoder(Signature signature, String input, long maxImagePixels, int threads) {
        Signature.Images shape = signature.images();
        if (shape == null) {
            throw new UserError(input + ": this model takes " + signature.describe() + (signature.table() != null ? ", not images"
                    : "; its model.zip was saved before models carried their image size: train the run again to predict images"));
        }
        return new ImageDecoder(shape.height(), shape.width(), shape.channels(), threads, maxImagePixels);
    }

    /** These examples scaled as the run scaled its training data. */
    public PredictionInputs scaled(FeatureScaling scaling) {
        return new PredictionInputs(names, scaling.apply(features));
    }

    private static PredictionInputs csvRows(Path file, TableColumns columns, ProgressLine progress) {
        CsvDataset.Rows rows = CsvDataset.predictionInputs(file, columns, "the training file", progress);
        return new PredictionInputs(rows.names(), rows.features());
    }

    private static PredictionInputs concat(List<PredictionInputs> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new PredictionInputs(parts.stream().flatMap(p -> p.names().stream()).toList(),
                Nd4j.concat(0, parts.stream().map(PredictionInputs::features).toArray(INDArray[]::new)));
    }

    /** Image files, and the images inside folders (sorted by name). */
    private static PredictionInputs images(Signature.Images shape, List<Path> inputs, long maxImagePixels, ProgressLine progress) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                ImageFiles.Listing listing = ImageFiles.list(input);
                if (listing.images().isEmpty()) {
                    throw new UserError(input + ": no images in this folder (images are " + ImageFormat.NAMES + ")");
                }
                if (listing.skippedLine() != null) {
                    progress.done(listing.skippedLine());
                }
                files.addAll(listing.images());
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new UserError(input + ": no such file or folder");
            }
        }
        byte[][] pixels = new ImageDecoder(shape.height(), shape.width(), shape.channels(), Runtime.getRuntime().availableProcessors(), maxImagePixels)
                .decode(files, progress);
        return new PredictionInputs(files.stream().map(Path::toString).toList(), Pixels.toFeatures(pixels));
    }

    /** Whether {@code file} (plain or gzipped) starts as an IDX file does (its element type is checked on reading). */
    private static boolean startsAsIdx(Path file) {
        try (java.io.InputStream in = MaybeGzipped.open(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 0 && head[1] == 0;
        } catch (java.io.IOException e) {
            return true;   // IdxFile.read says what is wrong with it
        }
    }

    /**
     * IDX image files (count × height × width unsigned bytes): one row per image, named file#index; of the model's image
     * size when its signature gives one (a model.zip saved before signatures is checked by its input count alone). PNG,
     * JPEG and the other image files are decoded to the model's size in grayscale: one row each.
     */
    private static PredictionInputs idx(Signature signature, List<Path> inputs, long maxImagePixels) {
        DatasetFacts dataset = DatasetRegistry.get(signature.dataset()).facts();
        Signature.Images shape = signature.images();
        List<String> names = new ArrayList<>();
        List<INDArray> parts = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isRegularFile(input) && ImageFiles.startsAsImage(input)) {
                // a PNG or JPEG of a digit: grayscale at the model's size, as the IDX images were
                byte[] pixels = decoder(signature, input.toString(), maxImagePixels, 1).decode(input);
                parts.add(Pixels.toFeatures(new byte[][]{pixels}));
                names.add(input.toString());
                continue;
            }
            if (Files.isDirectory(input) || !Files.isRegularFile(input)) {
                throw new UserError(input + ": a run on " + dataset.name() + " predicts IDX image files (count × height × width) or "
                        + "PNG/JPEG images, "
                        + (Files.isDirectory(input) ? "not folders" : "and this one does not exist"));
            }
            if (!startsAsIdx(input)) {   // a CSV or an unknown image format: say what the run takes, not its magic bytes
                String size = shape == null ? "" : shape.height() + "×" + shape.width() + " ";
                throw new UserError(input + ": neither an IDX image file nor a PNG/JPEG image; this run was trained on " + size + "IDX images ("
                        + dataset.name() + "): give an IDX image file (count × " + (shape == null ? "height × width" : shape.height() + " × " + shape.width())
                        + ", as t10k-images-idx3-ubyte) or PNG/JPEG images of digits");
            }
            IdxFile images = IdxFile.read(input);
            if (images.dims().length != 3) {
                throw new UserError(input + ": a run on " + dataset.name() + " predicts IDX image files (count × height × width), got "
                        + IdxFile.shape(images.dims()));
            }
            if (shape != null && (images.dims()[1] != shape.height() || images.dims()[2] != shape.width())) {
                throw new UserError(input + ": holds " + images.dims()[1] + "×" + images.dims()[2] + " images; the model takes "
                        + shape.height() + "×" + shape.width());
            }
            int width = images.itemSize();
            float[] values = new float[images.count() * width];
            for (int i = 0; i < values.length; i++) {
                values[i] = images.unsigned(i) / 255f;
            }
            parts.add(Nd4j.create(values, new long[]{images.count(), width}, 'c').castTo(DataType.FLOAT));
            for (int i = 0; i < images.count(); i++) {
                names.add(input + "#" + i);
            }
        }
        return new PredictionInputs(names, parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new)));
    }
}
