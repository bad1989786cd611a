package dev.dl4jlab.train;

import java.nio.file.Path;

/**
 * Records a training into a folder while it runs (the application supplies one, e.g. DL4J training-UI statistics): used
 * for run folders and for sweep candidates alike.
 */
@FunctionalInterface
public interface TrainingRecorder {
    TrainingRecorder NONE = (folder, sessionId) -> TrainingListener.NONE;

    /**
     * @param folder    the folder the recording goes into
     * @param sessionId names this training, e.g. {@code mnist-softmax@20261123-111325}
     * @return the listener that records; it releases its files on {@link TrainingListener#trainingEnded()}
     */
    TrainingListener start(Path folder, String sessionId);
}
