package dev.dl4jlab.train;

import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.Signature;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.model.PlainNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model.zip: DL4J's own model file (ModelSerializer), with the run's fitted feature scaling and its {@link Signature}
 * added as entries, so that a copied model.zip alone says what it takes. The network is written as plain DL4J
 * ({@link PlainNetwork}: DL4J's OutputLayer, not lab's fused training layer), so DL4J's jars alone restore it; lab reads
 * it with ModelSerializer as anyone would (it only runs output() on a stored model), and still reads files written
 * before, whose config names the fused layer.
 */
public final class ModelFile {
    private ModelFile() {
    }

    public static void write(Path zip, MultiLayerNetwork network, FeatureScaling scaling, Signature signature, boolean saveUpdater)
            throws IOException {
        ModelSerializer.writeModel(PlainNetwork.of(network, saveUpdater), zip.toFile(), saveUpdater);
        scaling.saveInto(zip);
        try (FileSystem entries = FileSystems.newFileSystem(zip)) {
            Files.writeString(entries.getPath(Signature.FILE), Json.text(signature));
        }
    }

    /** The signature inside {@code zip}, or null for a model.zip written before models carried one. */
    public static Signature readSignature(Path zip) {
        try (FileSystem entries = FileSystems.newFileSystem(zip)) {
            Path entry = entries.getPath(Signature.FILE);
            if (!Files.exists(entry)) {
                return null;
            }
            Signature signature = Json.MAPPER.readValue(Files.readString(entry), Signature.class);
            signature.requireWellFormed(zip.toString());
            return signature;
        } catch (JsonProcessingException e) {
            throw new UserError(zip + ": its " + Signature.FILE + " is not a dl4j-lab signature: " + Json.problem(e));
        } catch (UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserError(zip + ": not a readable model.zip: " + e.getMessage());
        }
    }
}
