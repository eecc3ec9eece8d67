package nnlang.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
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
 *       j = random.nextInt(i + 1), swap order[i] and order[j]. {@code random} is one generator for
 *       the whole run that draws what {@code java.util.Random} seeded with
 *       {@code seed + }{@link #SHUFFLE_SEED_OFFSET} draws ({@link Shuffler}, whose state a
 *       checkpoint saves), so that it does not repeat the stream that initialised the parameters
 *       from {@code seed}.
 *   <li>Mini-batches: {@code order[0..b)}, {@code order[b..2b)}, …, the last one smaller when b
 *       does not divide n, each one {@code network.trainBatch(train, order, from, to, rate, decay)}
 *       with the epoch's rate and decay; with {@code shards S} (S > 1) in the train block, the
 *       batch's gradient summed shard by shard ({@link Shards#gradient}) then
 *       {@code network.applyGradient} ({@link TrainingSteps}: the same epochs on data elsewhere). The rate is {@link TrainSpec#rateAt(int)}: the optimizer's
 *       rate, or with a {@code schedule} that rate as the schedule changes it. The decay is the
 *       optimizer's ({@link nnlang.model.Optimizer#decay}): with l2, {@code 1.0 - rate * l2 / n},
 *       evaluated left to right in double from that epoch's rate, and exactly 1.0 without.
 *   <li>Divergence check: a batch cost ({@code trainBatch}'s result) that is not finite stops the
 *       epoch after that batch, and a parameter that is not finite at the end of an epoch stops
 *       training too. Normal training pays one comparison per batch and one copy of the
 *       parameters per epoch. When either check fails, the epoch is replayed from the parameters
 *       it started with, in the same order (both back ends are deterministic), checking the cost
 *       and the parameters after every mini-batch, so that the message names the first mini-batch
 *       whose cost, activations or gradients went NaN or infinite, and the parameter with its node.
 *   <li>The best epoch ({@link BestEpoch}), when the run stops early or keeps its best epoch: the
 *       network is evaluated on the validation set after every epoch; training ends after the epoch
 *       that is the stop line's patience after the best one, and with {@code keep best} the result
 *       holds the best epoch's parameters, evaluated again as its last report.
 *   <li>Checkpoint: after every {@link Checkpoints#every()}-th epoch but the last, the parameters and
 *       a {@link Checkpoint} of everything else training carries from epoch to epoch. A run that
 *       continues from it ({@link #train(Network, TrainingData, ProgressListener, Consumer, Optional,
 *       Checkpoints)}) runs the remaining epochs exactly as the uninterrupted run would have.
 * </ol>
 *
 * <h2>Reports</h2>
 * After every {@code reportEvery}-th epoch and after the last (when {@code reportEvery} is 0: every
 * epoch up to 50 epochs, else every ⌈epochs/20⌉-th), the network is evaluated
 * ({@link Evaluation}) on the validation and test sets, or on the training set when the data have
 * neither, and the report goes to the listener, with the epoch's training cost: the batch costs
 * {@code trainBatch} returned, summed from 0.0 in batch order and divided by n. A non-finite cost
 * there stops training too. With 0 epochs the untrained network is reported as epoch 0. The
 * evaluation uses every core, with the same bits as on one ({@link Evaluator}).
 *
 * <h2>Threads</h2>
 * The train block's {@code threads} (or the count a {@code Trainer} is made with): each mini-batch
 * is trained on that many threads ({@link Network#trainBatch(Samples, int[], int, int, double,
 * double, TrainingThreads)}), started once per run, when the back end divides its work and a
 * mini-batch is large enough ({@link #threadsFor}); the parameters are the same bits for any
 * number. An interrupt of the training thread stops the run with a {@link CancellationException}.
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

    /**
     * Below this many parameters times samples per batch, a mini-batch is too small to divide between
     * threads: the phases' hand-overs would cost more than the work they share.
     */
    static final long MIN_WORK_TO_DIVIDE = 20_000;

    private final TrainSpec spec;
    private final Evaluator evaluator;
    private final boolean classifier;
    /** The threads asked for training. */
    private final int threads;
    private final long minWorkToDivide;

    /**
     * A trainer on the threads the train block asks for ({@link TrainSpec#threads}).
     *
     * @throws IllegalArgumentException when the model has no train block
     */
    public Trainer(NetworkModel model) {
        this(model, model.train().map(TrainSpec::threads).orElse(1));
    }

    /**
     * A trainer that trains on {@code threads} threads (0: one per processor) when the network
     * divides its work ({@link Network#dividesTraining()}) and a mini-batch is large enough to pay
     * for it ({@link #threadsFor}); the parameters are the same bits on any number of threads.
     *
     * @throws IllegalArgumentException when the model has no train block or {@code threads} is negative
     */
    public Trainer(NetworkModel model, int threads) {
        this(model, threads, MIN_WORK_TO_DIVIDE);
    }

    Trainer(NetworkModel model, int threads, long minWorkToDivide) {
        this.spec = model.train().orElseThrow(
                () -> new IllegalArgumentException("network " + model.name() + " has no train block"));
        this.evaluator = new Evaluator(model, spec.cost());
        this.classifier = model.output().isClassifier();
        if (threads < 0) {
            throw new IllegalArgumentException("a negative number of threads: " + threads);
        }
        this.threads = threads == 0 ? Parallel.processors() : threads;
        this.minWorkToDivide = minWorkToDivide;
    }

    /**
     * How many threads training {@code network} uses: those asked for, or one when only one was
     * asked for, when the gradient is summed in shards, when the back end does not divide this
     * network's work, or when a mini-batch's work (parameters times samples) is below the size that
     * pays for dividing it, or no more than the back end divides this network's batches between
     * ({@link Network#mostTrainingThreads()}); {@link ThreadUse#reason} says which.
     */
    public ThreadUse threadsFor(Network network) {
        if (threads == 1) {
            return ThreadUse.ONE;
        }
        if (spec.shards() > 1) {
            return new ThreadUse(threads, 1, "the gradient is summed in " + spec.shards() + " shards");
        }
        if (!network.dividesTraining()) {
            return new ThreadUse(threads, 1, network.oneThreadReason());
        }
        long work = (long) network.parameterCount() * spec.optimizer().batch();
        if (work < minWorkToDivide) {
            return new ThreadUse(threads, 1, "the network is too small to divide: " + network.parameterCount()
                    + " parameters times a batch of " + spec.optimizer().batch() + " is below " + minWorkToDivide);
        }
        int most = network.mostTrainingThreads();
        if (most < threads) {
            return new ThreadUse(threads, Math.max(1, most), network.mostTrainingThreadsReason());
        }
        return new ThreadUse(threads, threads, "");
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
        return train(network, data, listener, everyEpoch, Optional.empty(), null);
    }

    /** Where a run saves its checkpoints, and how often. */
    public interface Checkpoints {

        /** Epochs between checkpoints, at least 1. */
        int every();

        /** What identifies the run, stored in each checkpoint. */
        String fingerprint();

        /** Saves the parameters after an epoch with the rest of the run's state. */
        void save(double[] parameters, Checkpoint checkpoint);
    }

    /**
     * {@link #train(Network, TrainingData, ProgressListener, Consumer)} continuing after
     * {@code resume}'s epoch when it is present (the network already holds that checkpoint's
     * parameters), and saving a checkpoint to {@code checkpoints} (when not null) as the class
     * documentation says.
     *
     * @throws IllegalArgumentException when {@code resume} is of a run on another number of samples
     * @throws TrainingDivergedException when a parameter or an evaluated cost stops being finite
     */
    public TrainingResult train(Network network, TrainingData data, ProgressListener listener,
            Consumer<EpochReport> everyEpoch, Optional<Checkpoint> resume, Checkpoints checkpoints)
            throws TrainingDivergedException {
        Samples train = data.train();
        if (train.inputSize() != network.inputSize() || train.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException("samples of " + train.inputSize() + " inputs and "
                    + train.targetSize() + " targets for a network of " + network.inputSize() + " inputs and "
                    + network.outputSize() + " outputs");
        }
        ThreadUse use = threadsFor(network);
        try (TrainingThreads team = use.used() > 1 ? new TrainingThreads(use.used()) : null) {
            return train(network, new LocalSteps(data, evaluator, spec.shards(), team), listener, everyEpoch, resume,
                    checkpoints).on(use);
        }
    }

    /**
     * {@link #train(Network, TrainingData, ProgressListener, Consumer, Optional, Checkpoints)} on
     * samples that {@code steps} holds, wherever they are: the same shuffling, mini-batches, rates,
     * best epoch, checkpoints, reports and checks, each mini-batch's step and each evaluation computed
     * by {@code steps}.
     *
     * @throws IllegalArgumentException when {@code resume} is of a run on another number of samples,
     *                                  or the run needs a validation set that {@code steps} lacks
     * @throws TrainingDivergedException when a parameter or an evaluated cost stops being finite
     */
    public TrainingResult train(Network network, TrainingSteps steps, ProgressListener listener,
            Consumer<EpochReport> everyEpoch, Optional<Checkpoint> resume, Checkpoints checkpoints)
            throws TrainingDivergedException {
        int n = steps.size();
        int every = reportInterval(spec.epochs(), spec.reportEvery());
        Shuffler random = new Shuffler(spec.seed() + SHUFFLE_SEED_OFFSET);
        int[] order = IntStream.range(0, n).toArray();
        BestEpoch best = new BestEpoch(spec, classifier);
        if (best.tracks() && !steps.validates()) {
            throw new IllegalArgumentException("stopping early or keeping the best epoch needs a validation set");
        }
        int first = 1;
        long trainingNanos = 0;
        if (resume.isPresent()) {
            Checkpoint c = resume.get();
            if (c.order().length != n) {
                throw new IllegalArgumentException("the checkpoint is of a run on " + c.order().length
                        + " samples, not " + n);
            }
            random.restore(c.shuffleState());
            order = c.order();
            network.setOptimizerState(c.optimizerState());
            best.restore(c);
            first = c.epoch() + 1;
            trainingNanos = c.trainingNanos();
        }
        double[] params = new double[network.parameterCount()];
        double[] startOfEpoch = new double[params.length];
        network.getParameters(startOfEpoch);
        long start = System.nanoTime();
        EpochReport last = null;
        int epochsRun = first - 1;
        boolean stopped = best.stopsAfter(epochsRun);
        for (int epoch = first; epoch <= spec.epochs() && !stopped; epoch++) {
            double rate = spec.rateAt(epoch);
            double decay = spec.optimizer().decay(rate, n);
            long epochStart = System.nanoTime();
            double costSum = runEpoch(network, steps, order, random, rate, decay, epoch, listener);
            long epochNanos = System.nanoTime() - epochStart;
            trainingNanos += epochNanos;
            network.getParameters(params);
            if (!Double.isFinite(costSum) || !allFinite(params)) {
                throw locateDivergence(network, steps, order, startOfEpoch, rate, decay, epoch);
            }
            System.arraycopy(params, 0, startOfEpoch, 0, params.length);
            epochsRun = epoch;
            Evaluation validation = null;
            if (best.tracks()) {
                validation = checked(steps.validation(network), epoch);
                best.observe(epoch, validation, params);
                stopped = best.stopsAfter(epoch);
            }
            boolean reported = epoch % every == 0 || epoch == spec.epochs() || stopped;
            if (reported || everyEpoch != null) {
                OptionalDouble shown = spec.schedule().isPresent() ? OptionalDouble.of(rate) : OptionalDouble.empty();
                EpochReport report = report(network, steps, epoch, shown, OptionalDouble.of(costSum / n),
                        epochNanos / NANOS, start, validation);
                if (everyEpoch != null) {
                    everyEpoch.accept(report);
                }
                if (reported) {
                    last = report;
                    listener.epoch(last);
                }
            }
            if (checkpoints != null && epoch % checkpoints.every() == 0 && epoch < spec.epochs() && !stopped) {
                double[] state = new double[network.optimizerStateSize()];
                network.getOptimizerState(state);
                checkpoints.save(params.clone(), new Checkpoint(checkpoints.fingerprint(), epoch, trainingNanos,
                        random.state(), order, state, best.epoch(), best.score(), best.parameters()));
            }
        }
        if (best.keeps()) {
            network.setParameters(best.parameters());
            last = report(network, steps, best.epoch(), OptionalDouble.empty(), OptionalDouble.empty(), 0.0, start, null);
        } else if (last == null) {
            last = report(network, steps, epochsRun, OptionalDouble.empty(), OptionalDouble.empty(), 0.0, start, null);
            if (epochsRun == 0) {
                if (everyEpoch != null) {
                    everyEpoch.accept(last);
                }
                listener.epoch(last);
            }
        }
        network.getParameters(params);
        return new TrainingResult(params, last, trainingNanos / NANOS, epochsRun, stopped,
                best.keeps() ? OptionalInt.of(best.epoch()) : OptionalInt.empty());
    }

    /**
     * One epoch's training steps: reshuffles {@code order} in place, then one
     * {@link TrainingSteps#train} per mini-batch in that order. Returns 0.0 plus the batches' costs in
     * that order; stops after a batch whose cost is not finite.
     *
     * @throws CancellationException when the thread is interrupted (its interrupt status stays set)
     */
    private double runEpoch(Network network, TrainingSteps steps, int[] order, Shuffler random, double rate,
            double decay, int epoch, ProgressListener listener) {
        double costSum = 0.0;
        int batch = spec.optimizer().batch();
        random.shuffle(order);
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
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("training interrupted in epoch " + epoch);
            }
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
                ProgressFormat.percent(primary.accuracy()), primary.correct(), primary.size(), result.epochsRun())
                + result.keptEpoch().stream().mapToObj(e -> " (with the parameters of epoch " + e + ")").findFirst().orElse(""));
    }

    /**
     * The report of {@code epoch}: the network evaluated on the validation set (or {@code validation},
     * already evaluated) and the test set, or on the training set when the data have neither.
     */
    private EpochReport report(Network network, TrainingSteps steps, int epoch, OptionalDouble rate,
            OptionalDouble trainingCost, double epochSeconds, long start, Evaluation validation)
            throws TrainingDivergedException {
        List<Evaluation> evaluations = steps.evaluate(network, validation);
        for (Evaluation e : evaluations) {
            checked(e, epoch);
        }
        return new EpochReport(epoch, spec.epochs(), rate, trainingCost, evaluations, epochSeconds,
                (System.nanoTime() - start) / NANOS);
    }

    /** {@code e}, unless its cost is not finite: that stops training. */
    private Evaluation checked(Evaluation e, int epoch) throws TrainingDivergedException {
        if (!Double.isFinite(e.cost())) {
            throw diverged(epoch, "the " + e.set().label() + " cost evaluated after the epoch is " + e.cost()
                    + " (an output overflowed while every parameter is finite)");
        }
        return e;
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
