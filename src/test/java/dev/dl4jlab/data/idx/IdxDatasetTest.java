package dev.dl4jlab.data.idx;

import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("fast")
class IdxDatasetTest {
    @TempDir
    Path dir;

    @Test
    void dataVecReaderDeliversScaledPixelsAndOneHotLabels() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, (byte) 204, 10, 20, 30, 40};
        IdxFixtures.write(dir.resolve("train-images-idx3-ubyte"), IdxFixtures.idx(new int[]{2, 2, 2}, pixels), false);
        IdxFixtures.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFixtures.idx(new int[]{2}, new byte[]{2, 0}), true);
        LabeledSplit split = new IdxDataset(dir, 3, null, false, ProgressLine.silent()).load("train");

        assertEquals(2, split.size());
        assertEquals(4, split.inputs());
        assertEquals(new ImageShape(1, 2, 2), split.shape());
        assertArrayEquals(new float[]{0f, 1f, 0.2f, 0.8f}, split.features().matrix().getRow(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[]{0, 0, 1}, split.labels().getRow(0).toFloatVector());
        assertArrayEquals(new float[]{1, 0, 0}, split.labels().getRow(1).toFloatVector());
        assertArrayEquals(new int[]{2, 0}, split.classIndices());
        assertEquals(List.of("0", "1", "2"), split.classNames());
    }

    /** The bulk batch path (native matrix, chunked) must give exactly the floats and labels of the per-record path. */
    @Test
    void bulkBatchesEqualRecordByRecordReading() throws IOException {
        int count = 9_000;   // more than one decoding chunk
        byte[] pixels = new byte[count * 6];
        byte[] labelBytes = new byte[count];
        java.util.Random random = new java.util.Random(7);
        random.nextBytes(pixels);
        for (int i = 0; i < count; i++) {
            labelBytes[i] = (byte) random.nextInt(4);
        }
        IdxFixtures.write(dir.resolve("train-images-idx3-ubyte"), IdxFixtures.idx(new int[]{count, 2, 3}, pixels), false);
        IdxFixtures.write(dir.resolve("train-labels-idx1-ubyte"), IdxFixtures.idx(new int[]{count}, labelBytes), false);
        LabeledSplit split = new IdxDataset(dir, 4, null, false, ProgressLine.silent()).load("train");

        IdxRecordReader reader = new IdxRecordReader(IdxFile.read(dir.resolve("train-images-idx3-ubyte")),
                IdxFile.read(dir.resolve("train-labels-idx1-ubyte")), 4);
        org.junit.jupiter.api.Assertions.assertInstanceOf(org.datavec.api.writable.batch.NDArrayRecordBatch.class, reader.next(10));
        reader.reset();
        float[] features = split.features().matrix().dup('c').data().asFloat();
        for (int i = 0; i < count; i++) {
            List<org.datavec.api.writable.Writable> record = reader.next();
            float[] expected = ((org.datavec.api.writable.NDArrayWritable) record.get(0)).get().toFloatVector();
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(features, i * 6, i * 6 + 6), "row " + i);
            assertEquals(record.get(1).toInt(), split.classIndices()[i], "label of row " + i);
            assertEquals(1f, split.labels().getFloat(i, record.get(1).toInt()), "one-hot of row " + i);
        }
        assertEquals(count, split.labels().sumNumber().intValue());
    }

    @Test
    void classCountIsInferredForAnIdxFolder() throws IOException {
        IdxFixtures.writeDataset(dir, 4, 5, true, 1);
        LabeledSplit test = new IdxDataset(dir, 0, null, false, ProgressLine.silent()).load("test");
        assertEquals(4, test.outputs());
        assertEquals(4 * 2, test.size());
    }

    @Test
    void mismatchedCountsAndLabelsOutsideTheClassesAreClearErrors() throws IOException {
        IdxFixtures.write(dir.resolve("train-images-idx3-ubyte"), IdxFixtures.idx(new int[]{3, 2, 2}, new byte[12]), false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxFixtures.write(labels, IdxFixtures.idx(new int[]{2}, new byte[]{0, 1}), false);
        IdxDataset dataset = new IdxDataset(dir, 10, null, false, ProgressLine.silent());
        assertEquals(labels + ": has 2 labels but train-images-idx3-ubyte has 3 images",
                assertThrows(UserError.class, () -> dataset.load("train")).getMessage());

        IdxFixtures.write(labels, IdxFixtures.idx(new int[]{3}, new byte[]{0, 1, 12}), false);
        assertEquals(labels + ": record 2 has label 12, outside the dataset's 10 classes (0..9)",
                assertThrows(UserError.class, () -> dataset.load("train")).getMessage());
    }

    /** Issue 10 (8): a test label the training split never had fails at loading, naming the file and record. */
    @Test
    void aTestLabelOutsideTheTrainingClassesFailsAtLoading() throws IOException {
        IdxFixtures.writeDataset(dir, 3, 4, false, 1);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[8 + 1] = (byte) 200;   // after the 8-byte header: record 1
        Files.write(labels, bytes);
        IdxDataset dataset = new IdxDataset(dir, 0, null, false, ProgressLine.silent());
        assertEquals(3, dataset.load("train").outputs());
        assertEquals(labels + ": record 1 has label 200, outside the dataset's 3 classes (0..2)",
                assertThrows(UserError.class, () -> dataset.load("test")).getMessage());
    }

    /** Issue 21: a training split of one class is blamed on the training labels, not on the test labels. */
    @Test
    void aTrainingSplitOfOneClassNamesTheTrainingLabels() throws IOException {
        IdxFixtures.writeDataset(dir, 3, 4, false, 1);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        java.util.Arrays.fill(bytes, 8, bytes.length, (byte) 2);
        Files.write(labels, bytes);
        for (int classes : new int[]{0, 10}) {
            IdxDataset dataset = new IdxDataset(dir, classes, null, false, ProgressLine.silent());
            assertEquals(labels + ": every training label is 2; a classifier needs at least two classes in its training split",
                    assertThrows(UserError.class, () -> dataset.load("train")).getMessage());
        }
    }

    /** Issue 20 (1): MNIST images beside Fashion-MNIST labels of the same name, one gzipped: refused, both named. */
    @Test
    void twoCandidatesForOneFileAreRefused() throws IOException {
        IdxFixtures.writeDataset(dir, 3, 4, false, 1);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxFixtures.write(dir.resolve("train-labels-idx1-ubyte.gz"), Files.readAllBytes(labels), true);
        UserError e = assertThrows(UserError.class, () -> new IdxDataset(dir, 0, null, false, ProgressLine.silent()).load("train"));
        assertEquals(labels + " and " + labels + ".gz: two candidates for one file; remove the one that does not belong to "
                + "this dataset", e.getMessage());
    }

    /** Issue 20 (2): 32×32 test images for 28×28 training images fail when the test split loads, not after training. */
    @Test
    void testImagesOfAnotherSizeThanTrainsAreRefusedAtLoading() throws IOException {
        IdxFixtures.write(dir.resolve("train-images-idx3-ubyte"), IdxFixtures.idx(new int[]{2, 28, 28}, new byte[2 * 28 * 28]), false);
        IdxFixtures.write(dir.resolve("train-labels-idx1-ubyte"), IdxFixtures.idx(new int[]{2}, new byte[]{0, 1}), false);
        Path test = dir.resolve("t10k-images-idx3-ubyte.gz");
        IdxFixtures.write(test, IdxFixtures.idx(new int[]{2, 32, 32}, new byte[2 * 32 * 32]), true);
        IdxFixtures.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFixtures.idx(new int[]{2}, new byte[]{1, 0}), false);
        UserError e = assertThrows(UserError.class, () -> new IdxDataset(dir, 0, null, false, ProgressLine.silent()).load("test"));
        assertEquals(test + ": images are 32×32 but train-images-idx3-ubyte's are 28×28; every split of an IDX dataset needs "
                + "the training images' size", e.getMessage());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Files.createDirectories(dir);
        UserError e = assertThrows(UserError.class, () -> new IdxDataset(dir, 0, null, false, ProgressLine.silent()).load("test"));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": missing (also looked for t10k-images-idx3-ubyte.gz); "
                + "data.path must hold the four IDX files of the MNIST layout", e.getMessage());
    }
}
