package dev.dl4jlab.sweep;

import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

import java.util.function.BooleanSupplier;

/** An Arbiter termination condition for a reason the sweep itself finds (its disk is full): no new candidates start. */
final class StopWhen implements TerminationCondition {
    private final transient BooleanSupplier stop;

    StopWhen(BooleanSupplier stop) {
        this.stop = stop;
    }

    @Override
    public void initialize(IOptimizationRunner optimizationRunner) {
        // nothing to remember
    }

    @Override
    public boolean terminate(IOptimizationRunner optimizationRunner) {
        return stop.getAsBoolean();
    }
}
