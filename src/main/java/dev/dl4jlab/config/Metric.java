package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What ranks models: accuracy (higher is better) or loss (lower is better). The one place that knows which way is up. */
public enum Metric {
    ACCURACY(false), LOSS(true);

    private final boolean minimize;

    Metric(boolean minimize) {
        this.minimize = minimize;
    }

    /** True when lower values are better (loss). */
    public boolean minimize() {
        return minimize;
    }

    /** This metric's value out of an evaluation's accuracy and loss. */
    public double of(double accuracy, double loss) {
        return minimize ? loss : accuracy;
    }

    /** Whether {@code candidate} beats {@code incumbent}; anything beats a missing (null or NaN) incumbent. */
    public boolean isBetter(double candidate, Double incumbent) {
        if (incumbent == null || Double.isNaN(incumbent)) {
            return true;
        }
        return minimize ? candidate < incumbent : candidate > incumbent;
    }

    /** The config's spelling, e.g. "accuracy". */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
