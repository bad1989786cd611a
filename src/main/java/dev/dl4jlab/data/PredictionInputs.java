package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.console.ProgressLine;
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
            return concat(inputs.stream().map(file -> CsvDataset.predictionInputs(file, signature.table(), "the training file", progress)).toList());
        }
        return dataset.resizesImages() ? images(signature.images(), inputs, maxImagePixels, progress) : idx(dataset, signature.images(), inputs);
    }

    /** These examples scaled as the run scaled its training data. */
    public PredictionInputs scaled(FeatureScaling scaling) {
        return new PredictionInputs(names, scaling.apply(features));
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

    /**
     * IDX image files (count × height × width unsigned bytes): one row per image, named file#index; of the model's image
     * size when its signature gives one (a model.zip saved before signatures is checked by its input count alone).
     */
    private static PredictionInputs idx(DatasetFacts dataset, Signature.Images shape, List<Path> inputs) {
        List<String> names = new ArrayList<>();
        List<INDArray> parts = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input) || !Files.isRegularFile(input)) {
                throw new UserError(input + ": a run on " + dataset.name() + " predicts IDX image files (count × height × width), "
                        + (Files.isDirectory(input) ? "not folders" : "and this one does not exist"));
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
