package dev.dl4jlab.sweep;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Model-based search for Arbiter: a Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011; the model of Optuna's default sampler). It works on the unit cube
 * Arbiter's leaf spaces read their values from, one dimension per leaf: a range is continuous there (a log range
 * uniform in log space), a list of values (numbers or categories) categorical.
 * <p>
 * The first {@code startup} candidates are drawn uniformly, exactly as Arbiter's random search draws them. After that,
 * the results reported so far are split into the best {@link #gamma(int)} and the rest, a {@link ParzenEstimator} is
 * fitted to each on every dimension, l(x) to the good and g(x) to the rest, and each dimension takes the best by
 * l(x)/g(x) of {@link #EI_CANDIDATES} draws from l (the expected-improvement criterion; dimensions independent, as
 * Optuna's default). A result without a score (diverged, failed, stopped) counts as the worst; a pruned candidate counts
 * with the score it reported (its metric at the last rung it reached).
 * <p>
 * Seeded: the same seed, the same space and the same results reported in the same order give the same proposals.
 * Arbiter asks for the next candidate only after the previous one's result was reported when one candidate runs at a
 * time (parallel 1), so such a sweep is reproducible; with parallel &gt; 1 a proposal depends on which candidates had
 * finished when it was asked for, so the same seed gives the same startup candidates but later proposals may differ.
 * Arbiter's runner reports only results that did not fail: the sweep's task reports the failed ones itself.
 */
public final class TpeCandidateGenerator extends BaseCandidateGenerator<Object> {
    /** Draws from l(x) per dimension among which the best by l(x)/g(x) is proposed (Optuna's n_ei_candidates). */
    static final int EI_CANDIDATES = 24;
    /** Proposals tried before a repeat of an earlier candidate's settings is accepted (a small categorical space). */
    private static final int REPEAT_ATTEMPTS = 50;

    private final int startup;
    private final boolean minimize;
    /** Per flat parameter, in Arbiter's index order: 0 for continuous, else the number of categories. */
    private final int[] choices;
    /** Reported results by candidate index: coordinates and loss (lower is better; +inf without a score). */
    private final Map<Integer, Observation> observations = new TreeMap<>();
    private final Set<Object> proposed = new HashSet<>();

    private record Observation(int index, double[] x, double loss) {
    }

    /**
     * @param startup  random candidates before the model proposes
     * @param minimize whether lower scores are better (loss) or higher (accuracy)
     */
    public TpeCandidateGenerator(ParameterSpace<?> space, int startup, boolean minimize) {
        super((ParameterSpace<Object>) space, null, false);
        initialize();
        this.startup = startup;
        this.minimize = minimize;
        // Arbiter indexes the distinct leaves in collectLeaves() order, numParameters() each (see BaseCandidateGenerator)
        List<Integer> dims = new ArrayList<>();
        for (ParameterSpace<?> leaf : LeafUtils.getUniqueObjects(space.collectLeaves())) {
            for (int p = 0; p < leaf.numParameters(); p++) {
                dims.add(leaf instanceof DiscreteParameterSpace<?> discrete ? discrete.numValues() : 0);
            }
        }
        this.choices = dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How many of {@code n} results count as good: a tenth, at most 25 (Optuna's default gamma), at least one. */
    static int gamma(int n) {
        return Math.max(1, Math.min((int) Math.ceil(0.1 * n), 25));
    }

    @Override
    public boolean hasMoreCandidates() {
        return true;   // the sweep's MaxCandidatesCondition ends the search
    }

    @Override
    public synchronized Candidate getCandidate() {
        double[] x = null;
        Object value = null;
        Exception exception = null;
        for (int attempt = 0; attempt < REPEAT_ATTEMPTS; attempt++) {
            x = observations.size() < startup ? uniform() : propose();
            try {
                value = parameterSpace.getValue(x);
                exception = null;
            } catch (Exception e) {
                exception = e;   // as Arbiter's own generators: the runner records the candidate as failed
            }
            if (value == null || !proposed.contains(value)) {
                break;
            }
        }
        if (value != null) {
            proposed.add(value);
        }
        return new Candidate<>(value, candidateCounter.getAndIncrement(), x, dataParameters, exception);
    }

    @Override
    public synchronized void reportResults(OptimizationResult result) {
        Double score = result.getScore();
        double loss = score == null || score.isNaN() ? Double.POSITIVE_INFINITY : minimize ? score : -score;
        Candidate<?> candidate = result.getCandidate();
        observations.put(result.getIndex(), new Observation(result.getIndex(), candidate.getFlatParameters().clone(), loss));
    }

    @Override
    public Class<?> getCandidateType() {
        return null;
    }

    /** Random search's draw: one uniform number per dimension, from the same seeded generator. */
    private double[] uniform() {
        double[] x = new double[choices.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = rng.nextDouble();
        }
        return x;
    }

    private double[] propose() {
        // best first; equal losses (e.g. several failed) in candidate order, so the split does not depend on report order
        List<Observation> ranked = observations.values().stream()
                .sorted(Comparator.comparingDouble(Observation::loss).thenComparingInt(Observation::index)).toList();
        int good = gamma(ranked.size());
        double[] x = new double[choices.length];
        for (int d = 0; d < x.length; d++) {
            final int dim = d;
            ParzenEstimator below = new ParzenEstimator(ranked.subList(0, good).stream().map(o -> o.x()[dim]).toList(), choices[d]);
            ParzenEstimator above = new ParzenEstimator(ranked.subList(good, ranked.size()).stream().map(o -> o.x()[dim]).toList(), choices[d]);
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < EI_CANDIDATES; i++) {
                double candidate = below.sample(rng);
                double ratio = below.logDensity(candidate) - above.logDensity(candidate);
                if (i == 0 || ratio > best) {
                    best = ratio;
                    x[d] = candidate;
                }
            }
        }
        return x;
    }
}
