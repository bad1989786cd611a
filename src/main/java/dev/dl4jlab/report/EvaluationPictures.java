package dev.dl4jlab.report;

import dev.dl4jlab.train.FinishedRun;
import dev.dl4jlab.train.Metrics;
import dev.dl4jlab.train.RunArtifact;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The pictures of a run's final evaluation, added to every completed run folder: confusion.png, calibration.png,
 * roc.png and pr.png (binary, or one-vs-rest up to 10 classes) and mistakes.png (image runs with a mistake).
 */
public final class EvaluationPictures implements RunArtifact {
    public static final String CONFUSION = "confusion.png";
    public static final String ROC = "roc.png";
    public static final String PR = "pr.png";
    public static final String CALIBRATION = "calibration.png";
    public static final String MISTAKES = "mistakes.png";

    @Override
    public void write(Path folder, FinishedRun run) {
        Metrics m = run.outcome().metrics();
        if (run.outcome().diverged() || m == null || m.diagnostics() == null) {
            return;
        }
        ImageGrid.writePng(ConfusionPicture.draw(m.split(), m.classNames(), m.confusion()), folder.resolve(CONFUSION));
        ImageGrid.writePng(CalibrationPicture.draw(m), folder.resolve(CALIBRATION));
        if (!m.diagnostics().roc().isEmpty()) {
            ImageGrid.writePng(CurvePictures.roc(m), folder.resolve(ROC));
            ImageGrid.writePng(CurvePictures.precisionRecall(m), folder.resolve(PR));
        }
        if (run.eval().isImages()) {
            BufferedImage mistakes = MistakesPicture.draw(m, run.eval(), run.scaling());
            if (mistakes != null) {
                ImageGrid.writePng(mistakes, folder.resolve(MISTAKES));
            }
        }
    }
}
