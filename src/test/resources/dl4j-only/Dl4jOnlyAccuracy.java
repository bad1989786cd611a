import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.api.StatsInitializationReport;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a user with DL4J's jars and nothing of lab's does with a model.zip: restore it (with its updater), scale rows
 * with the normalizer stored in it, take output() and count the right answers. Run by PlainModelFileTest as a Java
 * source file in a JVM whose class path has no lab class: args model.zip rows.csv stats.dl4j, a row being
 * "label,x1,x2,...". Also reads the network configuration the run's training statistics recorded, as DL4J's UI does.
 * Prints what the test compares.
 */
public class Dl4jOnlyAccuracy {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("dev.dl4jlab.model.FusedOutputLayer");
            throw new IllegalStateException("lab's classes are on this class path: the check would prove nothing");
        } catch (ClassNotFoundException expected) {
            // DL4J alone, as intended
        }
        File zip = new File(args[0]);
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(zip);
        List<String> rows = Files.readAllLines(Path.of(args[1]));
        int[] labels = new int[rows.size()];
        float[][] x = new float[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r).split(",");
            labels[r] = Integer.parseInt(cells[0]);
            x[r] = new float[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                x[r][c - 1] = Float.parseFloat(cells[c]);
            }
        }
        INDArray features = Nd4j.create(x);
        if (normalizer != null) {
            normalizer.transform(features);
        }
        INDArray p = network.output(features, false);
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            int predicted = p.columns() == 1 ? (p.getDouble(r, 0) >= 0.5 ? 1 : 0) : p.getRow(r).argMax().getInt(0);
            correct += predicted == labels[r] ? 1 : 0;
        }
        INDArray state = network.getUpdater().getStateViewArray();
        System.out.println("layer " + network.getLayer(network.getnLayers() - 1).getClass().getName());
        System.out.println("normalizer " + (normalizer == null ? "none" : normalizer.getClass().getSimpleName()));
        System.out.println("updater state " + (state == null ? 0 : state.length()));
        System.out.println("correct " + correct + " of " + labels.length);

        FileStatsStorage stats = new FileStatsStorage(new File(args[2]));
        String session = stats.listSessionIDs().get(0);
        for (Persistable info : stats.getAllStaticInfos(session, stats.listTypeIDsForSession(session).get(0))) {
            String json = ((StatsInitializationReport) info).getModelConfigJson();
            System.out.println("stats layer " + MultiLayerConfiguration.fromJson(json).getConf(0).getLayer().getClass().getName());
        }
        stats.close();
    }
}
