package nnlang.model;

import java.util.Optional;

/**
 * A {@code train} block: what to learn from and how.
 *
 * @param schedule    how the learning rate falls from epoch to epoch; empty: the rate is constant
 * @param epochs      passes over the training data (0 is allowed: initialise only)
 * @param reportEvery print a progress line every this many epochs; 0 lets the trainer choose
 * @param expect      the accuracy the trained network must reach, if the source demands one
 * @param shards      how many shards each mini-batch's gradient is summed in ({@code shards S}; the
 *                    canonical order's <b>Shards</b>), 1 when not written; from 1 to the
 *                    optimizer's batch size, so that no full mini-batch has an empty shard
 */
public record TrainSpec(
        DataSpec data,
        Cost cost,
        Optimizer optimizer,
        Optional<Schedule> schedule,
        int epochs,
        Init init,
        long seed,
        int reportEvery,
        Optional<Expectation> expect,
        int shards,
        SourcePos pos) {

    public TrainSpec {
        if (shards < 1 || optimizer != null && shards > optimizer.batch()) {
            throw new IllegalArgumentException("shards must be from 1 to the batch size"
                    + (optimizer == null ? "" : " " + optimizer.batch()) + ", not " + shards);
        }
    }

    /** A train block without a {@code shards} setting: one shard. */
    public TrainSpec(DataSpec data, Cost cost, Optimizer optimizer, Optional<Schedule> schedule, int epochs, Init init,
            long seed, int reportEvery, Optional<Expectation> expect, SourcePos pos) {
        this(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, 1, pos);
    }

    /** This train block with {@code shards} shards instead (e.g. chosen on a command line). */
    public TrainSpec withShards(int shards) {
        return new TrainSpec(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, shards, pos);
    }

    /**
     * The learning rate of {@code epoch} (1-based): {@code rate·factor^⌊(epoch-1)/every⌋}, computed
     * in double as the optimizer's rate multiplied by {@code factor} once per step, in sequence:
     * {@code ((rate*factor)*factor)*…}, never with {@code Math.pow}. Without a schedule, the
     * optimizer's rate. This value is what both back ends receive as {@code rate}, and the weight
     * decay of that epoch is computed from it. Takes time proportional to {@code epoch}; a loop over
     * the epochs uses {@link #rateAt(int, double)} instead.
     *
     * @throws IllegalArgumentException when {@code epoch < 1}
     */
    public double rateAt(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are counted from 1, not " + epoch);
        }
        double rate = optimizer.rate();
        for (int e = 2; e <= epoch; e++) {
            rate = rateAt(e, rate);
        }
        return rate;
    }

    /**
     * The learning rate of {@code epoch} given {@code previousRate}, the rate of epoch
     * {@code epoch - 1}: the optimizer's rate for epoch 1; {@code previousRate * factor} when a
     * schedule starts a new step at {@code epoch} (when {@code every} divides {@code epoch - 1});
     * else {@code previousRate}. Applied to epochs 1, 2, 3, … in turn, it gives exactly
     * {@link #rateAt(int)}.
     */
    public double rateAt(int epoch, double previousRate) {
        if (epoch == 1) {
            return optimizer.rate();
        }
        if (schedule.isPresent() && schedule.get().startsStep(epoch)) {
            return previousRate * schedule.get().factor();
        }
        return previousRate;
    }

    /**
     * {@code schedule step(every: 10, factor: 0.5)}: the learning rate is multiplied by
     * {@code factor} after every {@code every} epochs, so epochs 1 … every use the optimizer's rate,
     * the next {@code every} epochs rate·factor, and so on.
     *
     * @param every  epochs per step, at least 1
     * @param factor the multiplier per step, {@code 0 < factor <= 1}
     */
    public record Schedule(int every, double factor, SourcePos pos) {

        /** Whether {@code epoch} (1-based) is the first epoch of a step after the first: every divides epoch - 1. */
        public boolean startsStep(int epoch) {
            return epoch > 1 && (epoch - 1) % every == 0;
        }
    }

    /** {@code expect accuracy >= minimum}: checked on the test set, or the training set if none. */
    public record Expectation(double minimumAccuracy, SourcePos pos) {}
}
