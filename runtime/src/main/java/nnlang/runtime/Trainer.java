package nnlang.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.TrainingData;

/**
 * Drives any {@link Network}, interpreted or compiled, through a model's {@code train} block:
 * mini-batch stochastic gradient descent over a number of epochs, with evaluation and progress
 * reports. The network arrives with its initial parameters set; the trainer only trains it.
 *
 * <h2>One epoch</h2>
 * <ol>
 *   <li>Shuffle: the permutation array {@code order}, which starts as 0, 1, …, n-1 before the
 *       first epoch, is reshuffled in place by Fisher–Yates: for i from n-1 down to 1,
 *       j = random.nextInt(i + 1), swap order[i] and order[j]. {@code random} is one
 *       {@code java.util.Random} for the whole run, seeded with
 *       {@code seed + }{@link #SHUFFLE_SEED_OFFSET}, so that it does not repeat the stream that
 *       initialised the parameters from {@code seed}.
 *   <li>Mini-batches: {@code order[0..b)}, {@code order[b..2b)}, …, the last one smaller when b
 *       does not divide n, each one {@code network.trainBatch(train, order, from, to, rate, decay)}
 *       with the epoch's rate and decay; with {@code shards S} (S > 1) in the train block, the
 *       batch's gradient summed shard by shard ({@link Shards#gradient}) then
 *       {@code network.applyGradient} (see {@link TrainingSteps}: the same epochs on data elsewhere). The rate is {@link TrainSpec#rateAt(int)}: the optimizer's
 *       rate, or with a {@code schedule} that rate multiplied by the factor once per completed
 *       step, in double, in sequence (carried from epoch to epoch by
 *       {@link TrainSpec#rateAt(int, double)}, which gives the same bits). The decay is
 *       {@code 1.0 - rate * l2 / n}, evaluated left to right in double from that epoch's rate, and
 *       exactly 1.0 when l2 is 0.
 *   <li>Divergence check: a batch cost ({@code trainBatch}'s result) that is not finite stops the
 *       epoch after that batch, and a parameter that is not finite at the end of an epoch stops
 *       training too. Normal training pays one comparison per batch and one copy of the
 *       parameters per epoch. When either check fails, the epoch is replayed from the parameters
 *       it started with, in the same order (both back ends are deterministic), checking the cost
 *       and the parameters after every mini-batch, so that the message names the first mini-batch
 *       whose cost, activations or gradients went NaN or infinite, and the parameter with its node.
 * </ol>
 *
 * <h2>Reports</h2>
 * After every {@code reportEvery}-th epoch and after the last (when {@code reportEvery} is 0: every
 * epoch up to 50 epochs, else every ⌈epochs/20⌉-th), the network is evaluated
 * ({@link Evaluation}) on the validation and test sets, or on the training set when the data have
 * neither, and the report goes to the listener, with the epoch's training cost: the batch costs
 * {@code trainBatch} returned, summed from 0.0 in batch order and divided by n. A non-finite cost
 * there stops training too. With 0 epochs the untrained network is reported as epoch 0.
 */
public final class Trainer {

    /** What is added to the train block's seed to seed the shuffling (the 64-bit golden ratio). */
    public static final long SHUFFLE_SEED_OFFSET = 0x9E3779B97F4A7C15L;

    /** How many progress calls an epoch makes, at most (one per chunk of whole batches). */
    static final int PROGRESS_STEPS = 50;

    /** Up to this many epochs, every epoch is reported when the source does not say. */
    static final int REPORT_ALL_UP_TO = 50;

    /** About this many reports when there are more epochs and the source does not say. */
    static final int DEFAULT_REPORTS = 20;

    private static final double NANOS = 1e9;

    private final TrainSpec spec;
    private final Evaluator evaluator;

    /** @throws IllegalArgumentException when the model has no train block */
    public Trainer(NetworkModel model) {
        this.spec = model.train().orElseThrow(
                () -> new IllegalArgumentException("network " + model.name() + " has no train block"));
        this.evaluator = new Evaluator(model, spec.cost());
    }

    /**
     * Trains {@code network} on {@code data} as the train block says; the network's parameters are
     * modified in place.
     *
     * @throws TrainingDivergedException when a parameter or an evaluated cost stops being finite
     */
    public TrainingResult train(Network network, TrainingData data, ProgressListener listener)
            throws TrainingDivergedException {
        return train(network, data, listener, null);
    }

    /**
     * {@link #train(Network, TrainingData, ProgressListener)}, and when {@code everyEpoch} is not
     * null, every epoch is evaluated and its report passed to {@code everyEpoch} (before
     * {@code listener} gets it on a reported epoch), e.g. for one row per epoch in a report.
     * Evaluating changes no parameter, so the result is the same bits either way; it costs one
     * forward pass per evaluated sample on the epochs that are not reported.
     *
     * @throws TrainingDivergedException when a parameter or an evaluated cost stops being finite
     */
    public TrainingResult train(Network network, TrainingData data, ProgressListener listener,
            Consumer<EpochReport> everyEpoch) throws TrainingDivergedException {
        Samples train = data.train();
        if (train.inputSize() != network.inputSize() || train.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException("samples of " + train.inputSize() + " inputs and "
                    + train.targetSize() + " targets for a network of " + network.inputSize() + " inputs and "
                    + network.outputSize() + " outputs");
        }
        return train(network, new LocalSteps(data, evaluator, spec.shards()), listener, everyEpoch);
    }

    /**
     * {@link #train(Network, TrainingData, ProgressListener, Consumer)} on samples that {@code steps}
     * holds, wherever they are: the same shuffling, mini-batches, rates, reports and checks, each
     * mini-batch's step and each report's evaluations computed by {@code steps}.
     *
     * @throws TrainingDivergedException when a parameter or an evaluated cost stops being finite
     */
    public TrainingResult train(Network network, TrainingSteps steps, ProgressListener listener,
            Consumer<EpochReport> everyEpoch) throws TrainingDivergedException {
        int n = steps.size();
        double l2 = spec.optimizer().l2();
        double rate = spec.optimizer().rate();
        int every = reportInterval(spec.epochs(), spec.reportEvery());
        Random random = new Random(spec.seed() + SHUFFLE_SEED_OFFSET);
        int[] order = IntStream.range(0, n).toArray();
        double[] params = new double[network.parameterCount()];
        double[] startOfEpoch = new double[params.length];
        network.getParameters(startOfEpoch);
        long start = System.nanoTime();
        long trainingNanos = 0;
        EpochReport last = null;
        if (spec.epochs() == 0) {
            last = report(network, steps, 0, OptionalDouble.empty(), OptionalDouble.empty(), 0.0, start);
            if (everyEpoch != null) {
                everyEpoch.accept(last);
            }
            listener.epoch(last);
        }
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            rate = spec.rateAt(epoch, rate);
            double decay = l2 == 0.0 ? 1.0 : 1.0 - rate * l2 / n;
            long epochStart = System.nanoTime();
            double costSum = runEpoch(network, steps, order, random, rate, decay, epoch, listener);
            long epochNanos = System.nanoTime() - epochStart;
            trainingNanos += epochNanos;
            network.getParameters(params);
            if (!Double.isFinite(costSum) || !allFinite(params)) {
                throw locateDivergence(network, steps, order, startOfEpoch, rate, decay, epoch);
            }
            System.arraycopy(params, 0, startOfEpoch, 0, params.length);
            boolean reported = epoch % every == 0 || epoch == spec.epochs();
            if (reported || everyEpoch != null) {
                OptionalDouble shown = spec.schedule().isPresent() ? OptionalDouble.of(rate) : OptionalDouble.empty();
                EpochReport report = report(network, steps, epoch, shown, OptionalDouble.of(costSum / n),
                        epochNanos / NANOS, start);
                if (everyEpoch != null) {
                    everyEpoch.accept(report);
                }
                if (reported) {
                    last = report;
                    listener.epoch(last);
                }
            }
        }
        network.getParameters(params);
        return new TrainingResult(params, last, trainingNanos / NANOS);
    }

    /**
     * One epoch's training steps: reshuffles {@code order} in place, then one
     * {@link TrainingSteps#train} per mini-batch in that order. Returns 0.0 plus the batches' costs in
     * that order; stops after a batch whose cost is not finite.
     */
    private double runEpoch(Network network, TrainingSteps steps, int[] order, Random random, double rate,
            double decay, int epoch, ProgressListener listener) {
        double costSum = 0.0;
        int batch = spec.optimizer().batch();
        shuffle(order, random);
        steps.startEpoch(order);
        // Progress within the epoch in about PROGRESS_STEPS steps, checked once per chunk of batches.
        int chunk = Math.max(batch, (order.length / PROGRESS_STEPS + batch - 1) / batch * batch);
        for (int chunkStart = 0; chunkStart < order.length; chunkStart += chunk) {
            int chunkEnd = Math.min(chunkStart + chunk, order.length);
            for (int from = chunkStart; from < chunkEnd; from += batch) {
                double batchCost = steps.train(network, order, from, Math.min(from + batch, chunkEnd), rate, decay);
                costSum += batchCost;
                if (!Double.isFinite(batchCost)) {
                    return costSum;
                }
            }
            listener.progress(epoch, chunkEnd, order.length);
        }
        return costSum;
    }

    /**
     * The number of epochs between reports: {@code reportEvery} when positive; else 1 for up to 50
     * epochs and ⌈epochs/20⌉ beyond.
     */
    public static int reportInterval(int epochs, int reportEvery) {
        if (reportEvery > 0) {
            return reportEvery;
        }
        return epochs <= REPORT_ALL_UP_TO ? 1 : (epochs + DEFAULT_REPORTS - 1) / DEFAULT_REPORTS;
    }

    /**
     * The train block's {@code expect accuracy >= x}, checked on the result's primary set (test, or
     * training when there is none): a message with the source position when it is not met, empty
     * when it is or when there is no expectation.
     */
    public Optional<String> unmetExpectation(TrainingResult result) {
        if (spec.expect().isEmpty()) {
            return Optional.empty();
        }
        TrainSpec.Expectation expect = spec.expect().get();
        Evaluation primary = result.last().primary();
        if (primary.accuracy() >= expect.minimumAccuracy()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "%s: error: expected accuracy >= %s on the %s set, reached %s (%d of %d) after %d epochs",
                expect.pos(), ProgressFormat.percent(expect.minimumAccuracy()), primary.set().label(),
                ProgressFormat.percent(primary.accuracy()), primary.correct(), primary.size(), result.last().epoch()));
    }

    /** Fisher–Yates, in place: for i from n-1 down to 1, swap order[i] with order[random.nextInt(i + 1)]. */
    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private EpochReport report(Network network, TrainingSteps steps, int epoch, OptionalDouble rate,
            OptionalDouble trainingCost, double epochSeconds, long start) throws TrainingDivergedException {
        List<Evaluation> evaluations = steps.evaluate(network);
        for (Evaluation e : evaluations) {
            if (!Double.isFinite(e.cost())) {
                throw diverged(epoch, "the " + e.set().label() + " cost evaluated after the epoch is " + e.cost()
                        + " (an output overflowed while every parameter is finite)");
            }
        }
        return new EpochReport(epoch, spec.epochs(), rate, trainingCost, evaluations, epochSeconds,
                (System.nanoTime() - start) / NANOS);
    }

    private static boolean allFinite(double[] params) {
        for (double p : params) {
            if (!Double.isFinite(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replays the epoch that met a non-finite batch cost or ended with a non-finite parameter, from
     * the parameters it started with and in the order it used, one mini-batch at a time, and returns
     * the exception naming the first mini-batch whose cost or whose updated parameters are not
     * finite. The network is left with the parameters of the end of that mini-batch.
     */
    private TrainingDivergedException locateDivergence(Network network, TrainingSteps steps, int[] order,
            double[] epochStart, double rate, double decay, int epoch) {
        int batch = spec.optimizer().batch();
        int batches = (order.length + batch - 1) / batch;
        double[] params = new double[epochStart.length];
        network.setParameters(epochStart);
        for (int b = 0; b < batches; b++) {
            int from = b * batch;
            double cost = steps.train(network, order, from, Math.min(from + batch, order.length), rate, decay);
            network.getParameters(params);
            for (int k = 0; k < params.length; k++) {
                if (!Double.isFinite(params[k])) {
                    return diverged(epoch, "batch " + (b + 1) + " of " + batches + " made parameter "
                            + network.layout().describe(k) + " " + params[k]
                            + (Double.isFinite(cost) ? "" : "; its cost was " + cost));
                }
            }
            if (!Double.isFinite(cost)) {
                return diverged(epoch, "the cost of batch " + (b + 1) + " of " + batches + " is " + cost
                        + ": an output overflowed while every parameter is finite");
            }
        }
        // Only a network that is not deterministic gets here; the epoch's end is all that is known.
        return diverged(epoch, "a cost or a parameter is not finite at the end of the epoch");
    }

    private TrainingDivergedException diverged(int epoch, String what) {
        return new TrainingDivergedException(spec.optimizer().pos(), epoch, spec.epochs(), what, spec.optimizer().rate());
    }
}
