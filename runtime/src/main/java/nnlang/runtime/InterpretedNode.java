package nnlang.runtime;

import java.util.List;
import nnlang.model.Activation;
import nnlang.model.Node;
import nnlang.model.Source;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One node of an {@link Interpreter}: its parameters and the mini-batch buffers of its forward and
 * backward pass, all EJML matrices allocated once and reshaped (never reallocated) to the batch.
 *
 * <p>Shapes, with m the number of rows (samples) in the current batch: node input X m × fanIn,
 * weights stored transposed, Wᵀ fanIn × size, biases b size × 1, pre-activations Z and activations
 * A m × size, their gradients gA and dZ m × size, the input gradient dX m × fanIn, the weight
 * gradient stored transposed, gWᵀ fanIn × size. Stored so, Z = X·Wᵀ and gWᵀ = Xᵀ·dZ are EJML's
 * row-by-row kernels, whose inner loop adds one input's terms to a whole row of independent sums,
 * instead of one dot product per element, a chain of dependent additions as long as the fan-in;
 * every sum still adds its terms in the canonical order. Parameters and gradients are copied in
 * and out in the canonical order W[j][i].
 *
 * <p>Every matrix product is accumulated by EJML's {@code multAdd*} kernels into a zero-filled
 * output. EJML's plain {@code mult*} kernels start some sums from their first product instead of
 * from 0.0 (the "reorder" and matrix-vector variants), which gives -0.0 where the canonical order
 * gives +0.0; accumulating into +0.0 gives exactly the canonical sums (see {@code package-info}).
 */
final class InterpretedNode {

    private final Activation activation;
    /** Whether {@link #update} leaves the parameters as they are ({@code Node#fixed}). */
    private final boolean fixed;
    /** f and f' over the batch's matrices. */
    private final Activations kernels;
    private final int size;
    private final int fanIn;

    /** Wᵀ: element (i, j) is w_ji. */
    private final DMatrixRMaj weights;
    private final DMatrixRMaj biases;
    /** gWᵀ: element (i, j) is the gradient of w_ji. */
    private final DMatrixRMaj weightGradient;
    private final DMatrixRMaj biasGradient;

    private final List<Source> sources;
    private final DMatrixRMaj[] sourceValues;
    /** The source nodes' activation gradients, null for slices of the network input. */
    private final DMatrixRMaj[] sourceGradients;
    private final boolean propagates;

    /** X: the single whole source itself, or this node's own buffer the sources are copied into. */
    private final DMatrixRMaj input;
    private final boolean gathersInput;
    private final DMatrixRMaj preActivations;
    private final DMatrixRMaj activations;
    private final DMatrixRMaj activationGradient;
    private final DMatrixRMaj preActivationGradient;
    private final DMatrixRMaj inputGradient;

    /** With a fused cross-entropy cost: c = Σ (a_k - y_k) per element, else null. */
    private final DMatrixRMaj costGradient;
    private final boolean consumed;

    /**
     * @param sourceValues    per source, the matrix it slices: the network input or a node's activations
     * @param sourceGradients per source, the source node's activation gradient, or null for the input
     * @param fusedCost       whether a cross-entropy cost is fused into this node's dZ
     * @param consumed        whether a later node reads this node
     * @param rows            the number of batch rows to allocate for
     */
    InterpretedNode(Node node, DMatrixRMaj[] sourceValues, DMatrixRMaj[] sourceGradients,
            boolean fusedCost, boolean consumed, int rows) {
        this.activation = node.activation();
        this.fixed = node.fixed();
        this.kernels = new Activations(activation);
        this.size = node.size();
        this.fanIn = node.inputSize();
        this.weights = new DMatrixRMaj(fanIn, size);
        this.biases = new DMatrixRMaj(size, 1);
        this.weightGradient = new DMatrixRMaj(fanIn, size);
        this.biasGradient = new DMatrixRMaj(size, 1);
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
        this.input = gathersInput ? new DMatrixRMaj(rows, fanIn) : sourceValues[0];
        this.preActivations = new DMatrixRMaj(rows, size);
        this.activations = new DMatrixRMaj(rows, size);
        this.activationGradient = new DMatrixRMaj(rows, size);
        this.costGradient = fusedCost ? new DMatrixRMaj(rows, size) : null;
        this.consumed = consumed;
        this.preActivationGradient = fusedCost && !consumed ? costGradient : new DMatrixRMaj(rows, size);
        this.inputGradient = propagates ? new DMatrixRMaj(rows, fanIn) : null;
    }

    /** The activations A (m × size) of the last forward pass; the matrix object never changes. */
    DMatrixRMaj activations() {
        return activations;
    }

    /** The gradient gA (m × size) that later nodes and the cost add into. */
    DMatrixRMaj activationGradient() {
        return activationGradient;
    }

    /** The fused cross-entropy term c (m × size) the cost adds into, or null when not fused. */
    DMatrixRMaj costGradient() {
        return costGradient;
    }

    int parameterCount() {
        return size * fanIn + size;
    }

    /** Copies this node's weights (W row by row), then biases, from {@code src[offset ..)}; returns the next offset. */
    int readParameters(double[] src, int offset) {
        double[] wt = weights.data;
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < fanIn; i++) {
                wt[i * size + j] = src[offset + j * fanIn + i];
            }
        }
        System.arraycopy(src, offset + size * fanIn, biases.data, 0, size);
        return offset + parameterCount();
    }

    /** Copies this node's weights (W row by row), then biases, into {@code dst[offset ..)}; returns the next offset. */
    int writeParameters(double[] dst, int offset) {
        return write(weights, biases, dst, offset);
    }

    /** Copies gW (row by row), then gb, of the last backward pass into {@code dst[offset ..)}; returns the next offset. */
    int writeGradient(double[] dst, int offset) {
        return write(weightGradient, biasGradient, dst, offset);
    }

    /** Writes the transposed {@code wt} row by row of its transpose, then {@code b}; returns the next offset. */
    private int write(DMatrixRMaj wt, DMatrixRMaj b, double[] dst, int offset) {
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < fanIn; i++) {
                dst[offset + j * fanIn + i] = wt.data[i * size + j];
            }
        }
        System.arraycopy(b.data, 0, dst, offset + size * fanIn, size);
        return offset + parameterCount();
    }

    /**
     * Z = X·Wᵀ + b, A = f(Z) for {@code rows} samples. Reads the sources' values, which must hold
     * this batch; overwrites X (when gathered), Z and A.
     */
    void forward(int rows) {
        if (gathersInput) {
            gatherInput(rows);
        }
        preActivations.reshape(rows, size);
        CommonOps_DDRM.fill(preActivations, 0.0);
        CommonOps_DDRM.multAdd(input, weights, preActivations);
        double[] z = preActivations.data;
        double[] b = biases.data;
        for (int row = 0; row < rows; row++) {
            int base = row * size;
            for (int j = 0; j < size; j++) {
                z[base + j] += b[j];
            }
        }
        kernels.apply(preActivations, activations);
    }

    /** Copies each source's slice, in order, into the columns of X. */
    private void gatherInput(int rows) {
        input.reshape(rows, fanIn);
        int column = 0;
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            DMatrixRMaj values = sourceValues[s];
            for (int row = 0; row < rows; row++) {
                System.arraycopy(values.data, row * values.numCols + source.offset(),
                        input.data, row * fanIn + column, source.length());
            }
            column += source.length();
        }
    }

    /** Sets gA (and c, when fused) to 0.0 for {@code rows} samples, before the cost and later nodes add into them. */
    void clearGradients(int rows) {
        activationGradient.reshape(rows, size);
        CommonOps_DDRM.fill(activationGradient, 0.0);
        if (costGradient != null) {
            costGradient.reshape(rows, size);
            CommonOps_DDRM.fill(costGradient, 0.0);
        }
    }

    /**
     * The backward pass for {@code rows} samples, after the cost and every later node have added
     * into gA (and c): dZ, then gWᵀ = Xᵀ·dZ and gb = Σ_rows dZ (summed over the samples in batch
     * order from 0.0, overwriting the previous gradient), then dX = dZ·W added slice by slice into
     * the source nodes' gA.
     */
    void backward(int rows) {
        if (costGradient == null) {
            kernels.backward(preActivations, activations, activationGradient, preActivationGradient);
        } else if (consumed) {
            kernels.backward(preActivations, activations, activationGradient, preActivationGradient);
            double[] dz = preActivationGradient.data;
            double[] c = costGradient.data;
            for (int i = 0; i < rows * size; i++) {
                dz[i] = c[i] + dz[i];
            }
        }
        CommonOps_DDRM.fill(weightGradient, 0.0);
        CommonOps_DDRM.multAddTransA(input, preActivationGradient, weightGradient);
        double[] dz = preActivationGradient.data;
        double[] gb = biasGradient.data;
        for (int j = 0; j < size; j++) {
            double sum = 0.0;
            for (int row = 0; row < rows; row++) {
                sum += dz[row * size + j];
            }
            gb[j] = sum;
        }
        if (propagates) {
            propagate(rows);
        }
    }

    /** dX = dZ·W (= dZ·(Wᵀ)ᵀ), then each node source's slice of dX added element by element into its gA. */
    private void propagate(int rows) {
        inputGradient.reshape(rows, fanIn);
        CommonOps_DDRM.fill(inputGradient, 0.0);
        CommonOps_DDRM.multAddTransB(preActivationGradient, weights, inputGradient);
        double[] dx = inputGradient.data;
        int column = 0;
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            DMatrixRMaj target = sourceGradients[s];
            if (target != null) {
                double[] g = target.data;
                for (int row = 0; row < rows; row++) {
                    int from = row * fanIn + column;
                    int to = row * target.numCols + source.offset();
                    for (int e = 0; e < source.length(); e++) {
                        g[to + e] += dx[from + e];
                    }
                }
            }
            column += source.length();
        }
    }

    /**
     * The SGD step with the gradient of the last backward pass: w = decay·w + c·gW (the decay
     * product skipped when decay is exactly 1.0), then b = b + c·gb. Modifies W and b, unless the
     * node is fixed: then nothing changes.
     */
    void update(double c, double decay) {
        if (fixed) {
            return;
        }
        double[] w = weights.data;
        double[] gw = weightGradient.data;
        int n = size * fanIn;
        if (decay == 1.0) {
            for (int i = 0; i < n; i++) {
                w[i] = w[i] + c * gw[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                w[i] = decay * w[i] + c * gw[i];
            }
        }
        double[] b = biases.data;
        double[] gb = biasGradient.data;
        for (int j = 0; j < size; j++) {
            b[j] = b[j] + c * gb[j];
        }
    }
}
