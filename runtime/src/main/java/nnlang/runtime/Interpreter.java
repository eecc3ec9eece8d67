package nnlang.runtime;

import java.util.List;
import nnlang.model.Activation;
import nnlang.model.Conv;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Pool;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Runs a {@link NetworkModel} directly over EJML matrices: the back end that needs no code
 * generation, and the reference the compiled back end is compared with bit for bit.
 *
 * <p>A mini-batch of m samples is a matrix of m rows. Per node and direction there is one matrix
 * product: Z = X·Wᵀ forward, gW = dZᵀ·X and dX = dZ·W backward (see {@link InterpretedNode}).
 * Buffers are allocated at construction for the train block's batch size (or one row) and only
 * grow, once, if a larger batch is ever passed. Every operation follows the canonical order of
 * {@code package-info}.
 *
 * <p>{@link #predict} runs on a <em>serving copy</em>, one per calling thread: an interpreter of one
 * row whose nodes share this one's parameter matrices and have buffers of their own, so that any
 * number of threads predict at once while training keeps this instance's buffers.
 *
 * <p>A new interpreter holds {@link Initializer#initialParameters} of its model. The cost that
 * {@link #gradient} and {@link #trainBatch} differentiate is the train block's; a model without a
 * train block can only predict.
 */
public final class Interpreter implements Network {

    private final NetworkModel model;
    private final ParameterLayout layout;
    /** The model's sizes, kept rather than summed over its declarations on every call. */
    private final int inputSize;
    private final int outputSize;
    private final Cost cost;
    /** The optimizer's rule, null without a train block. */
    private final UpdateRule rule;
    /** The rule's counters (Adam's step count) and the scalars of the step under way. */
    private final double[] counters;
    private final double[] scalars;
    private final InterpretedNode[] nodes;
    /** The nodes that drop out in training, in index order; the generator's base and its draws so far. */
    private final InterpretedNode[] dropping;
    private final long dropoutBase;
    private long drawn;
    /** The generator's draws per sample: the sizes of the nodes that drop out. */
    private final int drawsPerSample;

    /** The batch's inputs, m × inputSize, and targets, m × outputSize. */
    private final DMatrixRMaj inputs;
    private final DMatrixRMaj targets;
    private final double[] sampleInput;
    private final double[] sampleTarget;
    /** One sample's outputs, for its cost. */
    private final double[] sampleOutput;
    /** Whether the cost takes its softmax form. */
    private final boolean softmax;

    /** Per output element k: the matrix holding it (network input or a node's A) and its column. */
    private final DMatrixRMaj[] outputValues;
    private final int[] outputColumns;
    /** Per output element k: where the cost adds a_k - y_k (a node's gA, or c when fused), or null. */
    private final DMatrixRMaj[] costSinks;
    /** Each thread's serving copy; null in the copies themselves. */
    private final ThreadLocal<Interpreter> servingCopies;

    /** For training on threads: one shard per thread, made on first use. */
    private InterpreterShards shards;

    /**
     * @throws IllegalArgumentException if the model trains with cross-entropy on an output that is
     *     not a sigmoid or softmax node, or if it has parameters without a value and no train block
     */
    public Interpreter(NetworkModel model) {
        this(model, null, model.train().map(t -> t.optimizer().batch()).orElse(1));
        setParameters(Initializer.initialParameters(model));
    }

    /**
     * A new interpreter of {@code model} with buffers for {@code rows} rows; when {@code shared} is
     * not null, one that shares the parameters, gradient sums and optimizer state of {@code shared}
     * (a serving copy, or a shard that trains part of a batch).
     */
    private Interpreter(NetworkModel model, Interpreter shared, int rows) {
        this.model = model;
        this.layout = ParameterLayout.of(model);
        this.cost = model.train().map(TrainSpec::cost).orElse(null);
        this.rule = model.train().map(t -> UpdateRule.of(t.optimizer())).orElse(null);
        int stateSlots = rule == null ? 0 : rule.stateSlots();
        this.counters = new double[rule == null ? 0 : rule.counters()];
        this.scalars = new double[rule == null ? 0 : rule.scalars()];
        this.dropoutBase = model.train().map(t -> Dropout.base(t.seed())).orElse(0L);
        this.inputSize = model.inputSize();
        this.outputSize = model.outputSize();
        this.inputs = new DMatrixRMaj(rows, model.inputSize());
        this.targets = new DMatrixRMaj(rows, model.outputSize());
        this.sampleInput = new double[model.inputSize()];
        this.sampleTarget = new double[model.outputSize()];
        this.sampleOutput = new double[model.outputSize()];
        this.softmax = model.hasSoftmaxOutput();

        boolean fused = cost == Cost.CROSS_ENTROPY;
        boolean[] holdsOutput = new boolean[model.nodes().size()];
        for (Source s : model.output().sources()) {
            if (!s.isInput()) {
                holdsOutput[s.node()] = true;
                checkCrossEntropyOutput(model.nodes().get(s.node()));
            }
        }
        this.nodes = new InterpretedNode[model.nodes().size()];
        for (Node node : model.nodes()) {
            List<Source> sources = node.sources();
            DMatrixRMaj[] values = new DMatrixRMaj[sources.size()];
            DMatrixRMaj[] gradients = new DMatrixRMaj[sources.size()];
            for (int s = 0; s < sources.size(); s++) {
                Source source = sources.get(s);
                values[s] = valuesOf(source);
                gradients[s] = source.isInput() ? null : nodes[source.node()].activationGradient();
            }
            nodes[node.index()] = create(node, values, gradients, fused && holdsOutput[node.index()],
                    model.isConsumed(node.index()), rows, stateSlots, shared == null ? null : shared.nodes[node.index()]);
            double dropout = model.train().map(t -> t.dropout(node.index())).orElse(0.0);
            if (dropout > 0.0) {
                nodes[node.index()].dropOut(dropout, rows);
            }
        }
        this.dropping = java.util.Arrays.stream(nodes).filter(InterpretedNode::dropsOut).toArray(InterpretedNode[]::new);
        this.drawsPerSample = java.util.Arrays.stream(dropping).mapToInt(InterpretedNode::size).sum();

        int outputs = outputSize;
        this.outputValues = new DMatrixRMaj[outputs];
        this.outputColumns = new int[outputs];
        this.costSinks = new DMatrixRMaj[outputs];
        int k = 0;
        for (Source s : model.output().sources()) {
            for (int e = 0; e < s.length(); e++, k++) {
                outputValues[k] = valuesOf(s);
                outputColumns[k] = s.offset() + e;
                if (!s.isInput()) {
                    InterpretedNode n = nodes[s.node()];
                    costSinks[k] = fused ? n.costGradient() : n.activationGradient();
                }
            }
        }
        this.servingCopies = shared == null ? ThreadLocal.withInitial(() -> new Interpreter(model, this, 1)) : null;
    }

    /**
     * The interpreted node of {@code node}'s layer kind; with {@code shared}, the node of a serving
     * copy, whose parameters are those of {@code shared}.
     */
    private static InterpretedNode create(Node node, DMatrixRMaj[] values, DMatrixRMaj[] gradients, boolean fusedCost,
            boolean consumed, int rows, int stateSlots, InterpretedNode shared) {
        if (node.layer() instanceof Conv) {
            return new ConvNode(node, values, gradients, fusedCost, consumed, rows, stateSlots, (ConvNode) shared);
        }
        if (node.layer() instanceof Pool) {
            return new PoolNode(node, values, gradients, fusedCost, consumed, rows);
        }
        return new DenseNode(node, values, gradients, fusedCost, consumed, rows, stateSlots, (DenseNode) shared);
    }

    private void checkCrossEntropyOutput(Node node) {
        if (cost == Cost.CROSS_ENTROPY
                && node.activation() != Activation.SIGMOID && node.activation() != Activation.SOFTMAX) {
            throw new IllegalArgumentException(node.pos() + ": cross-entropy needs sigmoid or softmax outputs, but "
                    + node.name() + " is " + node.activation().keyword());
        }
    }

    private DMatrixRMaj valuesOf(Source source) {
        return source.isInput() ? inputs : nodes[source.node()].activations();
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * The forward pass on the calling thread's serving copy: safe from any number of threads at
     * once while the parameters do not change.
     */
    @Override
    public void predict(double[] input, double[] output) {
        servingCopies.get().predictHere(input, output);
    }

    /** The forward pass of one sample over this instance's own buffers. */
    private void predictHere(double[] input, double[] output) {
        inputs.reshape(1, inputSize);
        System.arraycopy(input, 0, inputs.data, 0, inputSize);
        forward(1, false);
        for (int k = 0; k < outputValues.length; k++) {
            output[k] = outputValues[k].data[outputColumns[k]];
        }
    }

    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
        double batchCost = backpropagate(data, order, from, to);
        rule.begin(rate, to - from, counters, scalars);
        update(decay);
        return batchCost;
    }

    /**
     * The mini-batch in the three phases of {@code package-info} ("Training on N threads"), run by
     * {@link InterpreterShards}: the same bits as on one thread.
     */
    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay,
            TrainingThreads threads) {
        if (threads.size() == 1 || !dividesTraining()) {
            return trainBatch(data, order, from, to, rate, decay);
        }
        requireTrainable();
        checkBatch(data, order, from, to);
        if (shards == null || shards.size() != threads.size()) {
            int batch = model.train().map(t -> t.optimizer().batch()).orElse(1);
            int rows = Math.max(1, (batch + threads.size() - 1) / threads.size());
            shards = new InterpreterShards(nodes, threads.size(), t -> new Interpreter(model, this, rows));
        }
        rule.begin(rate, to - from, counters, scalars);
        long firstDraw = drawn;
        drawn += (long) (to - from) * drawsPerSample;
        return shards.trainBatch(data, order, from, to, rule, scalars, decay, threads, firstDraw, drawsPerSample);
    }

    /**
     * {@link #trainBatch(Samples, int[], int, int, double, double, TrainingThreads)} divides the work
     * of every network: every layer kind divides its parameters, and each thread draws its samples'
     * dropout masks from their own position of the generator.
     */
    @Override
    public boolean dividesTraining() {
        return true;
    }

    /** The interpreted nodes, in index order. */
    InterpretedNode[] nodes() {
        return nodes;
    }

    /**
     * Phase A of a threaded batch on this shard: loads samples {@code order[from .. to)}, draws their
     * dropout masks from draw {@code firstDraw} of the generator on (where the first of them starts
     * on one thread), runs their forward pass, writes each sample's cost into {@code costs[offset ..)}
     * and runs the backward pass of every node without the parameters' gradients.
     */
    void backpropagateWithoutParameterGradients(Samples data, int[] order, int from, int to, double[] costs,
            int offset, long firstDraw) {
        int rows = loadBatch(data, order, from, to);
        drawn = firstDraw;
        drawMasks(rows);
        forward(rows, true);
        for (int row = 0; row < rows; row++) {
            costs[offset + row] = sampleCost(row);
        }
        for (InterpretedNode node : nodes) {
            node.clearGradients(rows);
        }
        addCostGradient(rows);
        for (int k = nodes.length - 1; k >= 0; k--) {
            nodes[k].backward(rows, false);
        }
    }

    @Override
    public double gradient(Samples data, int[] order, int from, int to, double[] dst) {
        double batchCost = backpropagate(data, order, from, to);
        int offset = 0;
        for (InterpretedNode node : nodes) {
            offset = node.writeGradient(dst, offset);
        }
        return batchCost;
    }

    @Override
    public void applyGradient(double[] gradient, int count, double rate, double decay) {
        requireTrainable();
        requireLength(gradient, layout.parameterCount(), "gradient");
        if (count < 1) {
            throw new IllegalArgumentException("network " + model.name() + ": a gradient summed over " + count
                    + " samples");
        }
        int offset = 0;
        for (InterpretedNode node : nodes) {
            offset = node.readGradient(gradient, offset);
        }
        rule.begin(rate, count, counters, scalars);
        update(decay);
    }

    /** One step of the optimizer, node by node, with the scalars {@link UpdateRule#begin} computed. */
    private void update(double decay) {
        for (InterpretedNode node : nodes) {
            node.step(rule, scalars, decay);
        }
    }

    /** The per-parameter slots, then the rule's counters, then the dropout generator's draws when a node drops out. */
    @Override
    public int optimizerStateSize() {
        return rule == null ? 0 : rule.stateSlots() * layout.parameterCount() + counters.length
                + (dropping.length > 0 ? 1 : 0);
    }

    @Override
    public void getOptimizerState(double[] dst) {
        requireLength(dst, optimizerStateSize(), "optimizer state");
        int offset = 0;
        for (int slot = 0; rule != null && slot < rule.stateSlots(); slot++) {
            for (InterpretedNode node : nodes) {
                offset = node.writeState(slot, dst, offset);
            }
        }
        System.arraycopy(counters, 0, dst, offset, counters.length);
        if (rule != null && dropping.length > 0) {
            dst[offset + counters.length] = drawn;
        }
    }

    @Override
    public void setOptimizerState(double[] src) {
        requireLength(src, optimizerStateSize(), "optimizer state");
        int offset = 0;
        for (int slot = 0; rule != null && slot < rule.stateSlots(); slot++) {
            for (InterpretedNode node : nodes) {
                offset = node.readState(slot, src, offset);
            }
        }
        System.arraycopy(src, offset, counters, 0, counters.length);
        if (rule != null && dropping.length > 0) {
            drawn = (long) src[offset + counters.length];
        }
    }

    private void requireTrainable() {
        NetworkChecks.requireTrainable(model.name(), cost != null);
    }

    private void requireLength(double[] array, int length, String what) {
        NetworkChecks.requireLength(model.name(), array, length, what + " array");
    }

    @Override
    public void getParameters(double[] dst) {
        int offset = 0;
        for (InterpretedNode node : nodes) {
            offset = node.writeParameters(dst, offset);
        }
    }

    @Override
    public void setParameters(double[] src) {
        int offset = 0;
        for (InterpretedNode node : nodes) {
            offset = node.readParameters(src, offset);
        }
    }

    /**
     * Loads the batch, runs forward and backward: afterwards every node holds its gW and gb. Returns
     * the batch's cost (see {@link Network#trainBatch}).
     */
    private double backpropagate(Samples data, int[] order, int from, int to) {
        requireTrainable();
        int rows = loadBatch(data, order, from, to);
        drawMasks(rows);
        forward(rows, true);
        double batchCost = batchCost(rows);
        for (InterpretedNode node : nodes) {
            node.clearGradients(rows);
        }
        addCostGradient(rows);
        for (int n = nodes.length - 1; n >= 0; n--) {
            nodes[n].backward(rows, true);
        }
        return batchCost;
    }

    /** 0.0 plus each row's cost, in row order, from the outputs of the forward pass just run. */
    private double batchCost(int rows) {
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            sum += sampleCost(row);
        }
        return sum;
    }

    /** The cost of row {@code row} of the forward pass just run. */
    private double sampleCost(int row) {
        int outputs = outputValues.length;
        for (int k = 0; k < outputs; k++) {
            DMatrixRMaj a = outputValues[k];
            sampleOutput[k] = a.data[row * a.numCols + outputColumns[k]];
        }
        System.arraycopy(targets.data, row * outputs, sampleTarget, 0, outputs);
        return cost.value(sampleOutput, sampleTarget, softmax);
    }

    private void checkBatch(Samples data, int[] order, int from, int to) {
        NetworkChecks.checkBatch(model.name(), inputSize, outputSize, data, order, from, to);
    }

    /** Copies samples {@code order[from .. to)} into the rows of the input and target matrices. */
    private int loadBatch(Samples data, int[] order, int from, int to) {
        checkBatch(data, order, from, to);
        int rows = to - from;
        inputs.reshape(rows, inputSize);
        targets.reshape(rows, outputSize);
        for (int row = 0; row < rows; row++) {
            data.input(order[from + row], sampleInput);
            data.target(order[from + row], sampleTarget);
            System.arraycopy(sampleInput, 0, inputs.data, row * sampleInput.length, sampleInput.length);
            System.arraycopy(sampleTarget, 0, targets.data, row * sampleTarget.length, sampleTarget.length);
        }
        return rows;
    }

    private void forward(int rows, boolean training) {
        for (InterpretedNode node : nodes) {
            node.forward(rows, training);
        }
    }

    /** The batch's dropout masks: for each row in order, each node that drops out in index order. */
    private void drawMasks(int rows) {
        for (InterpretedNode node : dropping) {
            node.reshapeMask(rows);
        }
        for (int row = 0; row < rows; row++) {
            for (InterpretedNode node : dropping) {
                drawn = node.drawMask(row, dropoutBase, drawn);
            }
        }
    }

    /**
     * For each sample and each output element k in ascending order: a_k - y_k added into the
     * element's sink (gA with the quadratic cost, the fused term c with cross-entropy).
     */
    private void addCostGradient(int rows) {
        int outputs = outputValues.length;
        double[] y = targets.data;
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < outputs; k++) {
                DMatrixRMaj sink = costSinks[k];
                if (sink != null) {
                    DMatrixRMaj a = outputValues[k];
                    int column = outputColumns[k];
                    sink.data[row * sink.numCols + column] += Cost.outputGradient(a.data[row * a.numCols + column],
                            y[row * outputs + k]);
                }
            }
        }
    }
}
