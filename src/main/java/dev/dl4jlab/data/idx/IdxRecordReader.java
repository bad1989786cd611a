package dev.dl4jlab.data.idx;

import dev.dl4jlab.UserError;
import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.Pixels;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.api.writable.batch.NDArrayRecordBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * DataVec reader over an IDX images file and its IDX labels file. Each record is
 * {@code [NDArrayWritable(1 × pixels, scaled to [0,1]), IntWritable(label)]}, ready for
 * {@code RecordReaderDataSetIterator} with the label at index 1. It also takes DataVec's batch path
 * ({@link #batchesSupported()}): a batch is one features matrix and one one-hot label matrix decoded straight into
 * native memory, so loading MNIST does not build and concatenate 60,000 one-row arrays.
 */
public class IdxRecordReader extends BaseRecordReader {
    private final IdxFile images;
    private final IdxFile labels;
    private final int numClasses;
    private final ImageShape shape;
    private int cursor;
    private Configuration conf;

    /** @param numClasses the dataset's class count, or 0 to infer it as the largest label + 1 */
    public IdxRecordReader(IdxFile images, IdxFile labels, int numClasses) {
        if (images.dims().length != 3) {
            throw new UserError(images.source() + ": an images file must be 3-dimensional (count×height×width), got "
                    + IdxFile.shape(images.dims()));
        }
        if (labels.dims().length != 1) {
            throw new UserError(labels.source() + ": a labels file must be 1-dimensional, got " + IdxFile.shape(labels.dims()));
        }
        if (images.count() != labels.count()) {
            throw new UserError(labels.source() + ": has " + labels.count() + " labels but " + images.source().getFileName()
                    + " has " + images.count() + " images");
        }
        int maxLabel = IntStream.range(0, labels.count()).map(labels::unsigned).max().orElse(0);
        if (numClasses > 0 && maxLabel >= numClasses) {
            int record = IntStream.range(0, labels.count()).filter(i -> labels.unsigned(i) >= numClasses).findFirst().orElseThrow();
            throw new UserError(labels.source() + ": record " + record + " has label " + labels.unsigned(record)
                    + ", outside the dataset's " + numClasses + " classes (0.." + (numClasses - 1) + ")");
        }
        this.images = images;
        this.labels = labels;
        this.numClasses = numClasses > 0 ? numClasses : maxLabel + 1;
        this.shape = new ImageShape(1, images.dims()[1], images.dims()[2]);
    }

    public int numClasses() {
        return numClasses;
    }

    public ImageShape shape() {
        return shape;
    }

    public int size() {
        return images.count();
    }

    @Override
    public void initialize(InputSplit split) {
        reset();
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        this.conf = conf;
        reset();
    }

    @Override
    public boolean hasNext() {
        return cursor < images.count();
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + images.source());
        }
        List<Writable> record = record(cursor);
        cursor++;
        return record;
    }

    @Override
    public boolean batchesSupported() {
        return true;
    }

    /** The next {@code num} records (fewer at the end) as DataVec's {@link NDArrayRecordBatch}: features, one-hot labels. */
    @Override
    public List<List<Writable>> next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + images.source());
        }
        int from = cursor;
        int rows = Math.min(num, images.count() - from);
        cursor += rows;
        return new NDArrayRecordBatch(List.of(pixels(from, rows), oneHot(from, rows)));
    }

    /** Rows {@code from .. from + rows - 1} scaled to [0,1] (b / 255f, like torchvision's ToTensor), on all cores. */
    private INDArray pixels(int from, int rows) {
        int pixels = shape.pixels();
        byte[] bytes = images.data();
        return Pixels.toFeatures(rows, pixels, Runtime.getRuntime().availableProcessors(),
                (row, into) -> System.arraycopy(bytes, (from + row) * pixels, into, 0, pixels));
    }

    private INDArray oneHot(int from, int rows) {
        float[] values = new float[rows * numClasses];
        for (int r = 0; r < rows; r++) {
            values[r * numClasses + labels.unsigned(from + r)] = 1f;
        }
        return Nd4j.create(values, new long[]{rows, numClasses}, 'c');
    }

    private List<Writable> record(int index) {
        int pixels = shape.pixels();
        float[] values = new float[pixels];
        int offset = index * pixels;
        for (int i = 0; i < pixels; i++) {
            values[i] = images.unsigned(offset + i) / 255f;   // like torchvision's ToTensor
        }
        List<Writable> record = new ArrayList<>(2);
        record.add(new NDArrayWritable(Nd4j.create(values, new long[]{1, pixels}, 'c')));
        record.add(new IntWritable(labels.unsigned(index)));
        return record;
    }

    @Override
    public List<String> getLabels() {
        return IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("IDX records are read from the whole file, not one stream per record");
    }

    @Override
    public Record nextRecord() {
        int index = cursor;
        return new org.datavec.api.records.impl.Record(next(), metaData(index));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        int index = (int) ((RecordMetaDataIndex) recordMetaData).getIndex();
        return new org.datavec.api.records.impl.Record(record(index), recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        return recordMetaDatas.stream().map(this::loadFromMetaData).toList();
    }

    private RecordMetaData metaData(int index) {
        return new RecordMetaDataIndex(index, images.source().toUri(), IdxRecordReader.class);
    }

    @Override
    public void close() {
        // everything is in memory
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
