package nnlang.model;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code train} block: what to learn from and how.
 *
 * @param schedule    how the learning rate changes from epoch to epoch; empty: the rate is constant
 * @param epochs      passes over the training data (0 is allowed: initialise only)
 * @param init        how the parameters of nodes without an {@code init} of their own start
 * @param reportEvery print a progress line every this many epochs; 0 lets the trainer choose
 * @param expect      the accuracy the trained network must reach, if the source demands one
 * @param heldOut     the samples held out of training: a split of the data, or files of their own
 * @param layers      what layers say about their own training ({@code init}, {@code dropout}), by
 *                    node index; a node that is not here has neither
 * @param stop        stop training early when the validation set stops improving
 * @param keepBest    whether the parameters kept are those of the epoch that scored best on the
 *                    validation set rather than the last
 * @param shards      how many shards each mini-batch's gradient is summed in ({@code shards S}; the
 *                    canonical order's <b>Shards</b>), 1 when not written; from 1 to the
 *                    optimizer's batch size, so that no full mini-batch has an empty shard
 * @param threads     the threads to train on, from 1 to {@link #MAX_THREADS}, or {@link #AUTO_THREADS}
 *                    for one per processor; the trained parameters are the same bits for any number
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
        HeldOut heldOut,
        Map<Integer, LayerTraining> layers,
        Optional<Stopping> stop,
        boolean keepBest,
        int shards,
        int threads,
        SourcePos pos) {

    /** The train block's {@code threads auto}: one thread per processor. */
    public static final int AUTO_THREADS = 0;

    /** The most threads a train block may ask for. */
    public static final int MAX_THREADS = 256;

    public TrainSpec {
        layers = Map.copyOf(layers);
        if (shards < 1 || optimizer != null && shards > optimizer.batch()) {
            throw new IllegalArgumentException("shards must be from 1 to the batch size"
                    + (optimizer == null ? "" : " " + optimizer.batch()) + ", not " + shards);
        }
        if (threads < AUTO_THREADS || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + MAX_THREADS + " or auto, not " + threads);
        }
    }

    /**
     * A train block with nothing held out, no layer settings, no stopping, no keeping of the best
     * epoch and one shard.
     */
    public TrainSpec(DataSpec data, Cost cost, Optimizer optimizer, Optional<Schedule> schedule, int epochs, Init init,
            long seed, int reportEvery, Optional<Expectation> expect, SourcePos pos) {
        this(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, HeldOut.NONE, Map.of(),
                Optional.empty(), false, 1, 1, pos);
    }

    /** A train block of one shard and one thread. */
    public TrainSpec(DataSpec data, Cost cost, Optimizer optimizer, Optional<Schedule> schedule, int epochs, Init init,
            long seed, int reportEvery, Optional<Expectation> expect, HeldOut heldOut, Map<Integer, LayerTraining> layers,
            Optional<Stopping> stop, boolean keepBest, SourcePos pos) {
        this(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, heldOut, layers, stop, keepBest, 1,
                1, pos);
    }

    /** A train block of one thread. */
    public TrainSpec(DataSpec data, Cost cost, Optimizer optimizer, Optional<Schedule> schedule, int epochs, Init init,
            long seed, int reportEvery, Optional<Expectation> expect, HeldOut heldOut, Map<Integer, LayerTraining> layers,
            Optional<Stopping> stop, boolean keepBest, int shards, SourcePos pos) {
        this(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, heldOut, layers, stop, keepBest,
                shards, 1, pos);
    }

    /** This train block with {@code shards} shards instead (e.g. chosen on a command line). */
    public TrainSpec withShards(int shards) {
        return new TrainSpec(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, heldOut, layers,
                stop, keepBest, shards, threads, pos);
    }

    /** This train block on {@code threads} threads instead (e.g. chosen on a command line). */
    public TrainSpec withThreads(int threads) {
        return new TrainSpec(data, cost, optimizer, schedule, epochs, init, seed, reportEvery, expect, heldOut, layers,
                stop, keepBest, shards, threads, pos);
    }

    /**
     * The learning rate of {@code epoch} (1-based): the optimizer's rate, or with a schedule
     * {@link Schedule#rateAt}. This value is what both back ends receive as {@code rate}, and the
     * weight decay of that epoch is computed from it.
     *
     * @throws IllegalArgumentException when {@code epoch < 1}
     */
    public double rateAt(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are counted from 1, not " + epoch);
        }
        return schedule.map(s -> s.rateAt(optimizer.rate(), epoch)).orElse(optimizer.rate());
    }

    /** The dropout rate of node {@code node}: 0.0 when it does not drop out. */
    public double dropout(int node) {
        LayerTraining layer = layers.get(node);
        return layer == null ? 0.0 : layer.dropout();
    }

    /** Whether some node drops out. */
    public boolean dropsOut() {
        return layers.values().stream().anyMatch(l -> l.dropout() > 0.0);
    }

    /** The initialisation of node {@code node}'s parameters: its own, or the block's. */
    public Init initOf(int node) {
        LayerTraining layer = layers.get(node);
        return layer == null ? init : layer.init().orElse(init);
    }

    /**
     * {@code schedule ...}: the rate of epoch e is the optimizer's, changed by an optional decay and
     * then by an optional linear warmup, in that order:
     * <ul>
     *   <li>{@link Decay.Step}: multiplied by the factor once per completed step of {@code every}
     *       epochs, ⌊(e−1)/every⌋ times, in sequence ({@code ((rate*factor)*factor)*…}, never
     *       {@code Math.pow});
     *   <li>{@link Decay.Exponential}: multiplied by the factor e − 1 times, in sequence;
     *   <li>{@link Decay.Cosine}: multiplied by {@code 0.5 * (1.0 + StrictMath.cos(StrictMath.PI * q / T))}
     *       with q = min(e − 1, T) (as a double) and T its epochs: from the full rate at epoch 1 down
     *       to 0.0 after T epochs;
     *   <li>a warmup of W epochs: multiplied by {@code (double) e / W} while e &lt; W, so the rate rises
     *       linearly to its value at epoch W.
     * </ul>
     *
     * @param warmup the warmup's epochs, 0 for none
     */
    public record Schedule(Optional<Decay> decay, int warmup, SourcePos pos) {

        /** {@code schedule step(every: every, factor: factor)}. */
        public Schedule(int every, double factor, SourcePos pos) {
            this(Optional.of(new Decay.Step(every, factor)), 0, pos);
        }

        /** The rate of epoch {@code epoch} (from 1) for a first-epoch rate of {@code rate}, as above. */
        public double rateAt(double rate, int epoch) {
            double r = rate;
            if (decay.isPresent()) {
                r = decay.get().apply(r, epoch);
            }
            if (epoch < warmup) {
                r = r * ((double) epoch / warmup);
            }
            return r;
        }
    }

    /** How a schedule lowers the rate. */
    public sealed interface Decay {

        /** The rate of {@code epoch} for a first-epoch rate of {@code rate}. */
        double apply(double rate, int epoch);

        /** {@code step(every: N, factor: f)}: every at least 1, 0 &lt; f ≤ 1. */
        record Step(int every, double factor) implements Decay {
            @Override
            public double apply(double rate, int epoch) {
                double r = rate;
                for (int step = (epoch - 1) / every; step > 0; step--) {
                    r = r * factor;
                }
                return r;
            }
        }

        /** {@code exponential(factor: f)}: 0 &lt; f ≤ 1. */
        record Exponential(double factor) implements Decay {
            @Override
            public double apply(double rate, int epoch) {
                double r = rate;
                for (int e = 1; e < epoch; e++) {
                    r = r * factor;
                }
                return r;
            }
        }

        /** {@code cosine(epochs: T)}: T at least 1. */
        record Cosine(int epochs) implements Decay {
            @Override
            public double apply(double rate, int epoch) {
                double q = Math.min(epoch - 1, epochs);
                return rate * (0.5 * (1.0 + StrictMath.cos(StrictMath.PI * q / epochs)));
            }
        }
    }

    /**
     * What a layer statement says about its training: its own initialisation, its dropout rate.
     *
     * @param dropout the share of its activations dropped in training, 0 ≤ dropout &lt; 1 (0: none)
     */
    public record LayerTraining(Optional<Init> init, double dropout, SourcePos pos) {}

    /**
     * The samples held out of training: a seeded split of the data ({@code data … split(…)}; MNIST
     * has a split of its own, in {@link DataSpec.Mnist}), or separate {@code validation} and
     * {@code test} sources.
     */
    public record HeldOut(Optional<Split> split, Optional<DataSpec> validation, Optional<DataSpec> test) {
        /** Nothing held out. */
        public static final HeldOut NONE = new HeldOut(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * {@code split(train: …, validation: …, test: …)} of a table or CSV file: the shares of the samples
     * held out for validation and for testing; the rest trains. How samples are chosen is
     * {@code nnlang.runtime.data.Splits}'.
     */
    public record Split(double validation, double test, SourcePos pos) {}

    /**
     * {@code stop when validation METRIC has not improved for N epochs}: training ends after the first
     * epoch that is {@code patience} epochs after the best one so far.
     */
    public record Stopping(Metric metric, int patience, SourcePos pos) {}

    /** What the validation set is measured by, for stopping and for keeping the best epoch. */
    public enum Metric {
        /** Higher is better; ties keep the earlier epoch. */
        ACCURACY("accuracy"),
        /** Lower is better; ties keep the earlier epoch. */
        COST("cost");

        private final String keyword;

        Metric(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** {@code expect accuracy >= minimum}: checked on the test set, or the training set if none. */
    public record Expectation(double minimumAccuracy, SourcePos pos) {}
}
