package dev.dl4jlab.sweep;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

import java.util.Arrays;
import java.util.List;

/**
 * The density TPE fits to one group of observations (the good ones, or the rest) on one dimension of the unit cube
 * Arbiter's leaves read their values from. A continuous dimension (a linear range, or a log range: uniform in log space
 * on [0, 1]) is a mixture of Gaussians truncated to [0, 1], one at each observation plus a broad prior at the centre,
 * each as wide as the larger gap to its neighbours, clipped (hyperopt's adaptive Parzen estimator). A categorical
 * dimension of {@code choices} values is its observations' counts smoothed towards uniform by the prior.
 */
final class ParzenEstimator {
    /** Weight of the prior among the observations, each of weight 1 (hyperopt's and Optuna's default). */
    static final double PRIOR_WEIGHT = 1.0;
    private static final double PRIOR_MEAN = 0.5;
    private static final double PRIOR_WIDTH = 1.0;
    private static final double SQRT2 = Math.sqrt(2);

    private final int choices;
    /** Continuous: the components' means, widths and log weights (the prior among them). */
    private final double[] means;
    private final double[] widths;
    private final double[] logWeights;
    /** Categorical: each value's probability. */
    private final double[] probabilities;

    /**
     * @param points  the group's coordinates on this dimension, in [0, 1]
     * @param choices 0 for a continuous dimension, else the number of values of a categorical one
     */
    ParzenEstimator(List<Double> points, int choices) {
        this.choices = choices;
        if (choices > 0) {
            probabilities = new double[choices];
            Arrays.fill(probabilities, PRIOR_WEIGHT / choices);
            for (double x : points) {
                probabilities[category(x, choices)] += 1;
            }
            double total = points.size() + PRIOR_WEIGHT;
            for (int c = 0; c < choices; c++) {
                probabilities[c] /= total;
            }
            means = widths = logWeights = null;
            return;
        }
        probabilities = null;
        int n = points.size() + 1;
        double[] sorted = new double[n];
        for (int i = 0; i < points.size(); i++) {
            sorted[i] = points.get(i);
        }
        sorted[n - 1] = PRIOR_MEAN;
        Arrays.sort(sorted);
        means = sorted;
        widths = new double[n];
        // narrower as observations accumulate, never wider than the domain (the "magic clip")
        double narrowest = PRIOR_WIDTH / Math.min(100, 1 + n);
        boolean priorPlaced = false;
        logWeights = new double[n];
        for (int i = 0; i < n; i++) {
            double left = i > 0 ? sorted[i] - sorted[i - 1] : 0;
            double right = i < n - 1 ? sorted[i + 1] - sorted[i] : 0;
            widths[i] = Math.min(PRIOR_WIDTH, Math.max(narrowest, Math.max(left, right)));
            double weight = 1;
            if (!priorPlaced && sorted[i] == PRIOR_MEAN) {   // the prior: broad, with its own weight
                priorPlaced = true;
                widths[i] = PRIOR_WIDTH;
                weight = PRIOR_WEIGHT;
            }
            logWeights[i] = Math.log(weight / (points.size() + PRIOR_WEIGHT));
        }
    }

    /** The value index Arbiter's DiscreteParameterSpace reads from coordinate {@code x} (its own arithmetic, exactly). */
    static int category(double x, int choices) {
        return Math.min((int) (x / (1.0 / choices)), choices - 1);
    }

    /** The coordinate at the centre of category {@code c}, which Arbiter reads back as {@code c}. */
    static double coordinate(int c, int choices) {
        return (c + 0.5) / choices;
    }

    double sample(RandomGenerator rng) {
        if (choices > 0) {
            double u = rng.nextDouble();
            for (int c = 0; c < choices - 1; c++) {
                u -= probabilities[c];
                if (u < 0) {
                    return coordinate(c, choices);
                }
            }
            return coordinate(choices - 1, choices);
        }
        double u = rng.nextDouble();
        int component = means.length - 1;
        for (int i = 0; i < means.length; i++) {
            u -= Math.exp(logWeights[i]);
            if (u < 0) {
                component = i;
                break;
            }
        }
        // rejection keeps the draw in [0, 1]: a component's mean lies inside, so at least a third of its mass does
        double x;
        do {
            x = means[component] + widths[component] * rng.nextGaussian();
        } while (x < 0 || x > 1);
        return x;
    }

    double logDensity(double x) {
        if (choices > 0) {
            return Math.log(probabilities[category(x, choices)]);
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            double z = (x - means[i]) / widths[i];
            double mass = cdf((1 - means[i]) / widths[i]) - cdf(-means[i] / widths[i]);
            terms[i] = logWeights[i] - 0.5 * z * z - Math.log(widths[i] * Math.sqrt(2 * Math.PI) * mass);
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    private static double cdf(double z) {
        return 0.5 * (1 + Erf.erf(z / SQRT2));
    }
}
