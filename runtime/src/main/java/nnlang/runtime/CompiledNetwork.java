package nnlang.runtime;

/**
 * What every class the compiler generates has in common, in plain Java: its sizes and layout, the
 * checks of its arguments, parameter and optimizer-state access, {@link #gradient} and
 * {@link #applyGradient}, and the refusal to train a network without a train block. A generated
 * class extends this and implements only what is specialised to its network: {@link #predictHere}
 * and {@link #trainBatchHere}, the hot methods, and the copies between its own arrays and the flat parameter
 * order ({@link #readParameters}, ...), over the arrays it alone knows.
 *
 * <p>{@link #applyGradient} runs the optimizer over flat copies ({@link FlatStep}), with the bits of
 * a generated {@link #trainBatchHere}. The rule's counters (Adam's step count) and the dropout generator's
 * position live here too: a generated class starts a step with {@link #beginStep} and draws its masks with
 * {@link #drawMask}.
 *
 * <p>{@link #predict} runs on a <em>serving copy</em> of the instance, one per calling thread: a
 * shallow copy that shares every parameter array with this instance and has per-sample buffers of
 * its own ({@link #allocateServingBuffers}), so that any number of threads predict at once while
 * training keeps this instance's own buffers.
 *
 * <p>A class that divides a mini-batch between threads ({@link #dividesTraining()}) trains it on
 * <em>training copies</em> ({@link BatchDivision}), through the methods from
 * {@link #prepareDividedBatch} on that it implements: by samples, on shallow copies with scratch
 * space of their own, two per thread ({@link CompiledShares}); or by the neurons of its first node
 * ({@link #dividesByNeurons()}), on copies with every array of their own, one per thread
 * ({@link NeuronShares}), whose training this instance's parameters and state lag behind until
 * something reads or writes them: every method here that does brings them up to date first.
 */
public abstract class CompiledNetwork implements Network, Cloneable {

    private final ParameterLayout layout;
    private final UpdateRule rule;
    private final int inputSize;
    private final int outputSize;
    private final int parameterCount;
    /** The rule's counters and the scalars of the step under way. */
    private final double[] counters;
    private final double[] scalars;
    /** Whether a node drops out; the dropout generator's base and the values drawn so far. */
    private final boolean dropsOut;
    private final long dropoutBase;
    private long drawn;
    /** Each thread's serving copy; null in the copies themselves. */
    private ThreadLocal<CompiledNetwork> servingCopies = ThreadLocal.withInitial(this::servingCopy);
    /** The copies that train a mini-batch on threads, made at the first one; null in the copies. */
    private BatchDivision shares;
    /** Whether copies with arrays of their own have trained batches that this instance's arrays lack. */
    private volatile boolean unsettled;
    /** A training copy's sizes of the threads' shares of its parameters ({@link ShareBalance#start}); null: even. */
    ShareBalance balance;

    /**
     * @param rule the optimizer's rule, or null for a network without a train block, which predicts
     *             but has no cost to train on
     */
    protected CompiledNetwork(ParameterLayout layout, UpdateRule rule, int inputSize, int outputSize) {
        this(layout, rule, inputSize, outputSize, false, 0L);
    }

    /**
     * The base of a network in which some node drops out in training, whose train block has
     * {@code seed} ({@link Dropout#base}).
     */
    protected CompiledNetwork(ParameterLayout layout, UpdateRule rule, int inputSize, int outputSize, long seed) {
        this(layout, rule, inputSize, outputSize, true, Dropout.base(seed));
    }

    private CompiledNetwork(ParameterLayout layout, UpdateRule rule, int inputSize, int outputSize, boolean dropsOut,
            long dropoutBase) {
        this.layout = layout;
        this.rule = rule;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.parameterCount = layout.parameterCount();
        this.counters = new double[rule == null ? 0 : rule.counters()];
        this.scalars = new double[rule == null ? 0 : rule.scalars()];
        this.dropsOut = dropsOut;
        this.dropoutBase = dropoutBase;
    }

    @Override
    public final int inputSize() {
        return inputSize;
    }

    @Override
    public final int outputSize() {
        return outputSize;
    }

    @Override
    public final int parameterCount() {
        return parameterCount;
    }

    @Override
    public final ParameterLayout layout() {
        return layout;
    }

    /**
     * The forward pass on the calling thread's serving copy: safe from any number of threads at
     * once while the parameters do not change.
     */
    @Override
    public final void predict(double[] input, double[] output) {
        NetworkChecks.requireLength(layout.network(), input, inputSize, "input");
        NetworkChecks.requireLength(layout.network(), output, outputSize, "output");
        if (unsettled) {
            settle();
        }
        servingCopies.get().predictHere(input, output);
    }

    /** A copy sharing the parameters (and every other array) with this instance, with its own per-sample buffers. */
    private CompiledNetwork servingCopy() {
        CompiledNetwork copy = bareCopy();
        copy.allocateServingBuffers();
        return copy;
    }

    /**
     * {@link #clone()}: a copy that shares every array with this instance, before the caller gives it
     * buffers of its own (a serving copy, or a {@link BatchDivision}'s training copy); it has no
     * serving copies or shares of its own.
     */
    final CompiledNetwork bareCopy() {
        CompiledNetwork copy;
        try {
            copy = (CompiledNetwork) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        copy.servingCopies = null;
        copy.shares = null;
        copy.unsettled = false;
        return copy;
    }

    /** Brings this instance's parameters and state up to date with what copies with arrays of their own trained. */
    private void settle() {
        if (unsettled) {
            synchronized (this) {
                if (unsettled) {
                    shares.settle();
                    unsettled = false;
                }
            }
        }
    }

    /** {@link #settle}, then forgets copies with arrays of their own (stale once this changes; the next batch makes new ones). */
    private void settleAndForgetCopies() {
        settle();
        if (shares != null && shares.ownsParameters()) {
            shares = null;
        }
    }

    /**
     * The forward pass of one sample over this instance's own per-sample buffers: reads
     * {@code input[0 .. inputSize())}, writes {@code output[0 .. outputSize())}. The arrays are checked.
     */
    protected abstract void predictHere(double[] input, double[] output);

    /**
     * Gives this instance new arrays for every per-sample buffer the forward pass writes (each node's
     * pre-activations, activations and gathered input), so that it no longer shares them with the
     * instance it was copied from.
     */
    protected abstract void allocateServingBuffers();

    @Override
    public final void getParameters(double[] dst) {
        NetworkChecks.requireLength(layout.network(), dst, parameterCount, "parameter array");
        settle();
        readParameters(dst);
    }

    @Override
    public final void setParameters(double[] src) {
        NetworkChecks.requireLength(layout.network(), src, parameterCount, "parameter array");
        settleAndForgetCopies();
        writeParameters(src);
    }

    /** The per-parameter slots, then the rule's counters, then the dropout generator's draws when a node drops out. */
    @Override
    public final int optimizerStateSize() {
        return rule == null ? 0 : rule.stateSlots() * parameterCount + counters.length + (dropsOut ? 1 : 0);
    }

    @Override
    public final void getOptimizerState(double[] dst) {
        NetworkChecks.requireLength(layout.network(), dst, optimizerStateSize(), "optimizer state array");
        settle();
        readState(dst);
        if (rule != null) {
            int at = rule.stateSlots() * parameterCount;
            System.arraycopy(counters, 0, dst, at, counters.length);
            if (dropsOut) {
                dst[at + counters.length] = drawn;
            }
        }
    }

    @Override
    public final void setOptimizerState(double[] src) {
        NetworkChecks.requireLength(layout.network(), src, optimizerStateSize(), "optimizer state array");
        settleAndForgetCopies();
        writeState(src);
        if (rule != null) {
            int at = rule.stateSlots() * parameterCount;
            System.arraycopy(src, at, counters, 0, counters.length);
            if (dropsOut) {
                drawn = (long) src[at + counters.length];
            }
        }
    }

    /** Slots of the optimizer's state per parameter. */
    final int stateSlots() {
        return rule == null ? 0 : rule.stateSlots();
    }

    /**
     * Starts a step of the optimizer over {@code count} samples at {@code rate} ({@link
     * UpdateRule#begin}): advances the counters and returns the step's scalars, in an array this
     * object reuses.
     */
    protected final double[] beginStep(double rate, int count) {
        rule.begin(rate, count, counters, scalars);
        return scalars;
    }

    /**
     * The next {@code length} values of the dropout generator as mask values into
     * {@code mask[0 .. length)}: {@code scale} where kept, else 0.0 ({@link Dropout#fill}).
     */
    protected final void drawMask(double[] mask, int length, double keep, double scale) {
        drawn = Dropout.fill(mask, 0, length, dropoutBase, drawn, keep, scale);
    }

    /**
     * The mini-batch on {@code threads} in the phases of {@code package-info} ("Training on N threads"),
     * divided by a {@link BatchDivision}: the same bits as on one thread. On one thread, or when the class
     * does not divide its work, exactly {@link #trainBatch(Samples, int[], int, int, double, double)}.
     */
    @Override
    public final double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay,
            TrainingThreads threads) {
        if (threads.size() == 1 || !dividesTraining()) {
            return trainBatch(data, order, from, to, rate, decay);
        }
        requireTrainable();
        checkBatch(data, order, from, to);
        if (shares == null || shares.size() != threads.size()) {
            settleAndForgetCopies();
            shares = dividesByNeurons() ? new NeuronShares(this, threads.size()) : new CompiledShares(this, threads.size());
        }
        double cost = shares.trainBatch(data, order, from, to, rate, decay, threads);
        if (shares.ownsParameters()) {
            unsettled = true;
        }
        return cost;
    }

    /**
     * Whether a class that divides its mini-batch ({@link #dividesTraining()}) divides it by the
     * neurons of its first node ({@link NeuronShares}) rather than by samples ({@link CompiledShares}).
     */
    protected boolean dividesByNeurons() {
        return false;
    }

    /**
     * A class that divides by neurons overrides this and the four methods below: gives this copy arrays
     * of its own for every node (the first node's for share {@code share} of {@code shares} of its
     * neurons only) holding {@code source}'s parameters and state (an instance of the same class).
     */
    protected void takeNeuronShare(CompiledNetwork source, int share, int shares) {
        throw new AssertionError("class " + getClass().getName() + " does not divide by neurons");
    }

    /** Writes what this copy trained into {@code target}: its share of the first node, and from share 0 every other node. */
    protected void giveNeuronShare(CompiledNetwork target, int share, int shares) {
        throw new AssertionError("class " + getClass().getName() + " does not divide by neurons");
    }

    /**
     * Gives this copy banks of per-sample arrays for {@code count} samples of its own, but for the
     * first node's pre-activations and activations, {@code source}'s (an instance of the same class).
     */
    protected void pointBanks(CompiledNetwork source, int count) {
        throw new AssertionError("class " + getClass().getName() + " does not divide by neurons");
    }

    /**
     * Phase A by neurons on this copy: samples {@code order[from .. to)} into its banks (their dropout
     * masks from the generator's position on this copy on), then the first node's forward pass for
     * share {@code share} of {@code shares} of its neurons.
     */
    protected void forwardNeuronShare(Samples data, int[] order, int from, int to, int share, int shares) {
        throw new AssertionError("class " + getClass().getName() + " does not divide by neurons");
    }

    /**
     * The start of phase B by neurons on this copy: the forward passes of every node after the first
     * for the {@code count} samples in its banks, then each sample's cost into {@code costs[s]} and its
     * backward pass without the parameters' gradient sums.
     */
    protected void backpropagateWhole(int count, double[] costs) {
        throw new AssertionError("class " + getClass().getName() + " does not divide by neurons");
    }

    /**
     * A class that divides its mini-batch ({@link #dividesTraining()}) overrides this and the methods
     * below; the others are never asked. Prepares a divided batch of {@code count} samples on this
     * instance: sets the gradient sums to 0.0 if a {@link #gradient} call left them, and gives the
     * banks of per-sample arrays room for {@code count} samples; returns whether they are new arrays.
     */
    protected boolean prepareDividedBatch(int count) {
        throw new AssertionError("class " + getClass().getName() + " does not divide its batches");
    }

    /**
     * Points this copy's banks of per-sample arrays at arrays {@code first .. last} of the banks of
     * {@code source} (an instance of the same class): the same per-sample arrays, as sample 0 ..
     * last - first of this copy.
     */
    protected void shareBanks(CompiledNetwork source, int first, int last) {
        throw new AssertionError("class " + getClass().getName() + " does not divide its batches");
    }

    /**
     * Gives this copy new arrays for every buffer that training writes and that is neither a
     * parameter, a gradient sum, a value of state nor a bank of per-sample arrays (activation
     * gradients, propagated gradients, a conv's scratch space).
     */
    protected void allocateTrainingScratch() {
        throw new AssertionError("class " + getClass().getName() + " does not divide its batches");
    }

    /**
     * Whether a class that divides its batches by samples replicates some of its nodes: each thread
     * after the first trains copies of their parameters, sums and state of its own
     * ({@link #allocateReplicas}), which go through the same operations as this instance's.
     */
    protected boolean replicatesNodes() {
        return false;
    }

    /** New arrays, all 0.0, for the replicated nodes' parameters, gradient sums and optimizer state. */
    protected void allocateReplicas() {
        throw new AssertionError("class " + getClass().getName() + " replicates no node");
    }

    /**
     * Whether a class that divides its batches by samples chains some of its nodes: their gradient
     * sums are not divided by parts in {@link #trainShare} but pass from thread to thread
     * ({@link #trainChained}).
     */
    protected boolean chainsNodes() {
        return false;
    }

    /**
     * Share {@code share} of {@code shares} of the chained nodes' phase B: adds the gradient terms of
     * the {@code count} samples in this copy's banks to their sums, after the shares before it, and on
     * the last share updates them with the step's scalars {@code step}, decayed unless {@code decay}
     * is exactly 1.0.
     */
    protected void trainChained(int count, int share, int shares, double[] step, double decay) {
        throw new AssertionError("class " + getClass().getName() + " chains no node");
    }

    /**
     * The dropout generator's draws per sample of a mini-batch: the sizes of the nodes that drop out,
     * 0 when none does.
     */
    protected int dropoutDrawsPerSample() {
        throw new AssertionError("class " + getClass().getName() + " does not divide its batches");
    }

    /** The dropout generator's draws so far. */
    final long dropoutDraws() {
        return drawn;
    }

    /** Moves the dropout generator to draw {@code k}, where this copy's next mask starts. */
    final void setDropoutDraws(long k) {
        drawn = k;
    }

    /**
     * Phase A on this copy: samples {@code order[from .. to)} into its banks' arrays 0 .. to - from,
     * their dropout masks from the generator's position on this copy on, their forward passes, each
     * one's cost into {@code costs[offset + s]}, and each one's backward pass without the parameters'
     * gradient sums.
     */
    protected void backpropagateShare(Samples data, int[] order, int from, int to, double[] costs, int offset) {
        throw new AssertionError("class " + getClass().getName() + " does not divide its batches");
    }

    /**
     * Phases B and C on this copy, whose banks hold the batch's {@code count} samples: share
     * {@code share} of {@code shares} of every node's parameters gets its gradient sums, each from 0.0
     * over the samples in batch order, then one step of the optimizer with the step's scalars
     * ({@link #beginStep}) and the decay; each sum is left 0.0. A class divided by neurons takes share
     * {@code share} of its first node's neurons and every other node whole.
     */
    protected void trainShare(int count, int share, int shares, double[] step, double decay) {
        throw new AssertionError("class " + getClass().getName() + " does not divide its batches");
    }

    /** The class's fused training step ({@link #trainBatchHere}) on this instance's own arrays. */
    @Override
    public final double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
        settleAndForgetCopies();
        return trainBatchHere(data, order, from, to, rate, decay);
    }

    /**
     * A class generated for a network with a train block overrides this with its fused training
     * step; a network without one has no cost to train on, and this throws IllegalStateException.
     */
    protected double trainBatchHere(Samples data, int[] order, int from, int to, double rate, double decay) {
        requireTrainable();
        throw new AssertionError("class " + getClass().getName() + " has no trainBatch of its own");
    }

    @Override
    public final double gradient(Samples data, int[] order, int from, int to, double[] dst) {
        requireTrainable();
        NetworkChecks.requireLength(layout.network(), dst, parameterCount, "gradient array");
        checkBatch(data, order, from, to);
        settle();
        double cost = accumulate(data, order, from, to);
        readGradient(dst);
        return cost;
    }

    @Override
    public final void applyGradient(double[] gradient, int count, double rate, double decay) {
        requireTrainable();
        NetworkChecks.requireLength(layout.network(), gradient, parameterCount, "gradient array");
        if (count < 1) {
            throw new IllegalArgumentException(layout.network() + ": a gradient summed over " + count + " samples");
        }
        settleAndForgetCopies();
        FlatStep.apply(this, rule, gradient, beginStep(rate, count), decay);
    }

    /** Copies the parameters from the class's arrays into {@code dst}, in parameter order. */
    protected abstract void readParameters(double[] dst);

    /** Copies {@code src}, in parameter order, into the class's parameter arrays. */
    protected abstract void writeParameters(double[] src);

    /**
     * Runs the forward and backward pass of samples {@code order[from .. to)}, leaving their summed
     * gradient in the class's gradient arrays; returns the batch's cost. The arguments are checked.
     * Every class with a train block overrides this; the others are never asked.
     */
    protected double accumulate(Samples data, int[] order, int from, int to) {
        throw new AssertionError("class " + getClass().getName() + " has no accumulate of its own");
    }

    /**
     * Copies the gradient sums the last {@link #accumulate} left into {@code dst}, in parameter order.
     * Every class with a train block overrides this; the others are never asked.
     */
    protected void readGradient(double[] dst) {
        throw new AssertionError("class " + getClass().getName() + " has no readGradient of its own");
    }

    /** Copies the optimizer's state, laid out as {@link #getOptimizerState} says; nothing without state. */
    protected void readState(double[] dst) {
    }

    /** Sets the optimizer's state from {@code src}, laid out as {@link #getOptimizerState} says. */
    protected void writeState(double[] src) {
    }

    /**
     * Throws IllegalStateException when the network has no train block, so no cost to train on: what
     * a generated {@code trainBatch} does first.
     */
    protected final void requireTrainable() {
        NetworkChecks.requireTrainable(layout.network(), rule != null);
    }

    /** Checks a mini-batch before anything runs ({@link NetworkChecks#checkBatch}). */
    protected final void checkBatch(Samples data, int[] order, int from, int to) {
        NetworkChecks.checkBatch(layout.network(), inputSize, outputSize, data, order, from, to);
    }
}
