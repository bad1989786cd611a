package dev.dl4jlab.train;

/**
 * The DL4J training-UI session id of a run and of a cross-validation fold, named after the folder the run actually
 * took (its reserved {@code <stamp>} or {@code <stamp>-2}): training records under it, and {@code lab compare} and the
 * runs page derive it from the folder, so the two agree.
 */
public final class SessionIds {
    private SessionIds() {
    }

    /** @param folder the run folder's name, e.g. {@code 20261123-111325-2} */
    public static String run(String configName, String folder) {
        return configName + "@" + folder;
    }

    /** @param folder the cross-validation run folder's name; {@code fold} is 1-based */
    public static String fold(String configName, String folder, int fold) {
        return run(configName, folder) + "_fold" + fold;
    }
}
