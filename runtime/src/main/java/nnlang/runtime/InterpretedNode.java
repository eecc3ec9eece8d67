package nnlang.runtime;

import java.util.List;
import nnlang.model.Node;
import nnlang.model.Source;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One node of an {@link Interpreter}: what every layer kind shares, the mini-batch buffers of its
 * input, its activation and their gradients, all EJML matrices allocated once and reshaped (never
 * reallocated) to the batch. A subclass per layer kind ({@link DenseNode}, {@link ConvNode},
 * {@link PoolNode}) holds the parameters and
 * computes the layer's own part: the pre-activations from the input, and backward the parameters'
 * gradients and the input's.
 *
 * <p>Shapes, with m the number of rows (samples) in the current batch and the node's input vector of
 * {@code inputSize} elements: X m × inputSize, pre-activations Z and activations A m × size, their
 * gradients gA and dZ m × size, the input gradient dX m × inputSize.
 */
abstract class InterpretedNode {

    protected final int size;
    protected final int inputSize;
    /** Whether {@link #step} leaves the parameters as they are ({@code Node#fixed}). */
    private final boolean fixed;
    /** f and f' over the batch's matrices. */
    private final Activations kernels;

    private final List<Source> sources;
    private final DMatrixRMaj[] sourceValues;
    /** The source nodes' activation gradients, null for slices of the network input. */
    private final DMatrixRMaj[] sourceGradients;
    private final boolean propagates;

    /** X: the single whole source itself, or this node's own buffer the sources are copied into. */
    protected final DMatrixRMaj input;
    private final boolean gathersInput;
    protected final DMatrixRMaj preActivations;
    private final DMatrixRMaj activations;
    private final DMatrixRMaj activationGradient;
    protected final DMatrixRMaj preActivationGradient;
    /** dX, only when a source is a node. */
    protected final DMatrixRMaj inputGradient;

    /** With a fused cross-entropy cost: c = Σ (a_k - y_k) per element, else null. */
    private final DMatrixRMaj costGradient;
    private final boolean consumed;

    /** When the node drops out in training ({@link #dropOut}): the mask M and the activations U before dropping. */
    private DMatrixRMaj mask;
    private DMatrixRMaj undropped;
    private double keep;
    private double scale;

    /**
     * @param sourceValues    per source, the matrix it slices: the network input or a node's activations
     * @param sourceGradients per source, the source node's activation gradient, or null for the input
     * @param fusedCost       whether a cross-entropy cost is fused into this node's dZ
     * @param consumed        whether a later node reads this node
     * @param rows            the number of batch rows to allocate for
     */
    InterpretedNode(Node node, DMatrixRMaj[] sourceValues, DMatrixRMaj[] sourceGradients,
            boolean fusedCost, boolean consumed, int rows) {
        this.fixed = node.fixed();
        this.kernels = new Activations(node.activation());
        this.size = node.size();
        this.inputSize = node.inputSize();
        this.sources = node.sources();
        this.sourceValues = sourceValues.clone();
        this.sourceGradients = sourceGradients.clone();
        boolean anyNodeSource = false;
        for (DMatrixRMaj g : sourceGradients) {
            anyNodeSource |= g != null;
        }
        this.propagates = anyNodeSource;
        Source first = sources.get(0);
        this.gathersInput = !(sources.size() == 1 && first.offset() == 0 && first.length() == sourceValues[0].numCols);
        this.input = gathersInput ? new DMatrixRMaj(rows, inputSize) : sourceValues[0];
        this.preActivations = new DMatrixRMaj(rows, size);
        this.activations = new DMatrixRMaj(rows, size);
        this.activationGradient = new DMatrixRMaj(rows, size);
        this.costGradient = fusedCost ? new DMatrixRMaj(rows, size) : null;
        this.consumed = consumed;
        this.preActivationGradient = fusedCost && !consumed ? costGradient : new DMatrixRMaj(rows, size);
        this.inputGradient = propagates ? new DMatrixRMaj(rows, inputSize) : null;
    }

    /**
     * Makes the node drop out at {@code rate} in training (see {@code package-info}): A then holds
     * what later nodes read, U · M, and U the activations before dropping.
     */
    final void dropOut(double rate, int rows) {
        if (costGradient != null) {
            throw new IllegalArgumentException("a node that holds outputs cannot drop out");
        }
        this.keep = Dropout.keep(rate);
        this.scale = Dropout.scale(rate);
        this.mask = new DMatrixRMaj(rows, size);
        this.undropped = new DMatrixRMaj(rows, size);
    }

    final boolean dropsOut() {
        return mask != null;
    }

    /** Sets the mask to {@code rows} rows, before {@link #drawMask} fills them. */
    final void reshapeMask(int rows) {
        mask.reshape(rows, size);
    }

    /** Row {@code row} of the mask from draws k, k + 1, …; returns the next k. */
    final long drawMask(int row, long base, long k) {
        return Dropout.fill(mask.data, row * size, size, base, k, keep, scale);
    }

    /** The activations A (m × size) of the last forward pass; the matrix object never changes. */
    final DMatrixRMaj activations() {
        return activations;
    }

    /** The gradient gA (m × size) that later nodes and the cost add into. */
    final DMatrixRMaj activationGradient() {
        return activationGradient;
    }

    /** The fused cross-entropy term c (m × size) the cost adds into, or null when not fused. */
    final DMatrixRMaj costGradient() {
        return costGradient;
    }

    /**
     * A = f(Z) with Z from the layer's own computation, for {@code rows} samples. Reads the sources'
     * values, which must hold this batch; overwrites X (when gathered), Z and A. In {@code training},
     * a node that drops out keeps f(Z) in U and sets A = U · M with the mask drawn for the batch.
     */
    final void forward(int rows, boolean training) {
        if (gathersInput) {
            gatherInput(rows);
        }
        preActivations.reshape(rows, size);
        computePreActivations(rows);
        if (training && mask != null) {
            kernels.apply(preActivations, undropped);
            activations.reshape(rows, size);
            double[] u = undropped.data;
            double[] m = mask.data;
            double[] a = activations.data;
            for (int i = 0; i < rows * size; i++) {
                a[i] = u[i] * m[i];
            }
        } else {
            kernels.apply(preActivations, activations);
        }
    }

    /** Copies each source's slice, in order, into the columns of X. */
    private void gatherInput(int rows) {
        input.reshape(rows, inputSize);
        int column = 0;
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            DMatrixRMaj values = sourceValues[s];
            for (int row = 0; row < rows; row++) {
                System.arraycopy(values.data, row * values.numCols + source.offset(),
                        input.data, row * inputSize + column, source.length());
            }
            column += source.length();
        }
    }

    /** Sets gA (and c, when fused) to 0.0 for {@code rows} samples, before the cost and later nodes add into them. */
    final void clearGradients(int rows) {
        activationGradient.reshape(rows, size);
        CommonOps_DDRM.fill(activationGradient, 0.0);
        if (costGradient != null) {
            costGradient.reshape(rows, size);
            CommonOps_DDRM.fill(costGradient, 0.0);
        }
    }

    /** The node's size: its neurons. */
    final int size() {
        return size;
    }

    /**
     * The backward pass for {@code rows} samples, after the cost and every later node have added
     * into gA (and c): dZ (for a node that drops out, from gA · M and f' at U), then, when
     * {@code parameterGradients}, the parameters' gradients (summed over the samples in batch order,
     * overwriting the previous ones), then, when a source is a node, dX added slice by slice into the
     * source nodes' gA.
     */
    final void backward(int rows, boolean parameterGradients) {
        if (mask != null) {
            double[] g = activationGradient.data;
            double[] m = mask.data;
            for (int i = 0; i < rows * size; i++) {
                g[i] = g[i] * m[i];
            }
            kernels.backward(preActivations, undropped, activationGradient, preActivationGradient);
        } else if (costGradient == null) {
            kernels.backward(preActivations, activations, activationGradient, preActivationGradient);
        } else if (consumed) {
            kernels.backward(preActivations, activations, activationGradient, preActivationGradient);
            double[] dz = preActivationGradient.data;
            double[] c = costGradient.data;
            for (int i = 0; i < rows * size; i++) {
                dz[i] = c[i] + dz[i];
            }
        }
        if (parameterGradients) {
            computeParameterGradients(rows);
        }
        if (propagates) {
            inputGradient.reshape(rows, inputSize);
            computeInputGradient(rows);
            scatterInputGradient(rows);
        }
    }

    /** Each node source's slice of dX added element by element into its gA. */
    private void scatterInputGradient(int rows) {
        double[] dx = inputGradient.data;
        int column = 0;
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            DMatrixRMaj target = sourceGradients[s];
            if (target != null) {
                double[] g = target.data;
                for (int row = 0; row < rows; row++) {
                    int from = row * inputSize + column;
                    int to = row * target.numCols + source.offset();
                    for (int e = 0; e < source.length(); e++) {
                        g[to + e] += dx[from + e];
                    }
                }
            }
            column += source.length();
        }
    }

    /** Writes Z (already reshaped to rows × size) from X and the parameters. */
    abstract void computePreActivations(int rows);

    /** The parameters' gradients from X and dZ, summed over the rows in order, each sum from 0.0. */
    abstract void computeParameterGradients(int rows);

    /**
     * Phase B of a mini-batch on threads ({@code package-info}): share {@code share} of
     * {@code shares} of this node's parameters, a contiguous part of each block, gets its gradient
     * sums, overwriting the previous ones, each from 0.0 over the rows of {@code shards[0]}, then of
     * {@code shards[1]}, …, in order ({@code rows[k]} rows of shard k, whose X and dZ hold them: the
     * same node in interpreters that each ran the backward pass of a contiguous part of the batch
     * without parameter gradients); then, unless the node is fixed, one step of {@code rule} on
     * those parameters. The shares together cover every parameter once.
     */
    final void trainShare(InterpretedNode[] shards, int[] rows, int share, int shares, UpdateRule rule,
            double[] scalars, double decay) {
        accumulateAndUpdate(shards, rows, share, shares, fixed ? null : rule, scalars, decay);
    }

    /** What {@link #trainShare} says, the layer's own part: no step when {@code rule} is null. */
    abstract void accumulateAndUpdate(InterpretedNode[] shards, int[] rows, int share, int shares, UpdateRule rule,
            double[] scalars, double decay);

    /** Writes dX (already reshaped to rows × inputSize) from dZ and the parameters. */
    abstract void computeInputGradient(int rows);

    abstract int parameterCount();

    /** Copies this node's parameters from {@code src[offset ..)} in parameter order; returns the next offset. */
    abstract int readParameters(double[] src, int offset);

    /** Copies this node's parameters into {@code dst[offset ..)} in parameter order; returns the next offset. */
    abstract int writeParameters(double[] dst, int offset);

    /** Copies the gradient of the last backward pass into {@code dst[offset ..)}; returns the next offset. */
    abstract int writeGradient(double[] dst, int offset);

    /** Sets the gradient sums from {@code src[offset ..)}, as a backward pass would; returns the next offset. */
    abstract int readGradient(double[] src, int offset);

    /** Copies optimizer state slot {@code slot} into {@code dst[offset ..)}; returns the next offset. */
    abstract int writeState(int slot, double[] dst, int offset);

    /** Sets optimizer state slot {@code slot} from {@code src[offset ..)}; returns the next offset. */
    abstract int readState(int slot, double[] src, int offset);

    /**
     * One step of {@code rule}, with the step's {@code scalars} ({@link UpdateRule#begin}), on the
     * gradient sums of the last backward pass (or {@link #readGradient}), unless the node is fixed:
     * then nothing changes.
     */
    final void step(UpdateRule rule, double[] scalars, double decay) {
        if (!fixed) {
            update(rule, scalars, decay);
        }
    }

    /** One step of {@code rule} with the step's {@code scalars} on the last gradient sums. */
    abstract void update(UpdateRule rule, double[] scalars, double decay);
}
