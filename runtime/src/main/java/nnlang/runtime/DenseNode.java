package nnlang.runtime;

import nnlang.model.Node;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A dense node of an {@link Interpreter}: Z = X·Wᵀ + b. Per direction there is one matrix product:
 * Z = X·Wᵀ forward, gWᵀ = Xᵀ·dZ and dX = dZ·W backward.
 *
 * <p>The weights are stored transposed, Wᵀ fanIn × size, and so are their gradient sums and the
 * optimizer's state for them: Z = X·Wᵀ and gWᵀ = Xᵀ·dZ are then EJML's row-by-row kernels, whose
 * inner loop adds one input's terms to a whole row of independent sums, instead of one dot product
 * per element, a chain of dependent additions as long as the fan-in; every sum still adds its terms
 * in the canonical order. Parameters, gradients and state are copied in and out in the canonical
 * order W[j][i].
 *
 * <p>Every matrix product is accumulated by EJML's {@code multAdd*} kernels into a zero-filled
 * output. EJML's plain {@code mult*} kernels start some sums from their first product instead of
 * from 0.0 (the "reorder" and matrix-vector variants), which gives -0.0 where the canonical order
 * gives +0.0; accumulating into +0.0 gives exactly the canonical sums (see {@code package-info}).
 */
final class DenseNode extends InterpretedNode {

    /** Wᵀ: element (i, j) is w_ji. */
    private final DMatrixRMaj weights;
    private final DMatrixRMaj biases;
    /** gWᵀ: element (i, j) is the gradient of w_ji. */
    private final DMatrixRMaj weightGradient;
    private final DMatrixRMaj biasGradient;
    /** The optimizer's state per slot, laid out as Wᵀ and b. */
    private final double[][] weightState;
    private final double[][] biasState;

    /**
     * @param shared null, or the node whose parameters, gradient sums and optimizer state this one
     *               shares (a serving copy's node, which only predicts)
     */
    DenseNode(Node node, DMatrixRMaj[] sourceValues, DMatrixRMaj[] sourceGradients, boolean fusedCost,
            boolean consumed, int rows, int stateSlots, DenseNode shared) {
        super(node, sourceValues, sourceGradients, fusedCost, consumed, rows);
        if (shared != null) {
            this.weights = shared.weights;
            this.biases = shared.biases;
            this.weightGradient = shared.weightGradient;
            this.biasGradient = shared.biasGradient;
            this.weightState = shared.weightState;
            this.biasState = shared.biasState;
        } else {
            this.weights = new DMatrixRMaj(inputSize, size);
            this.biases = new DMatrixRMaj(size, 1);
            this.weightGradient = new DMatrixRMaj(inputSize, size);
            this.biasGradient = new DMatrixRMaj(size, 1);
            this.weightState = new double[stateSlots][inputSize * size];
            this.biasState = new double[stateSlots][size];
        }
    }

    @Override
    int parameterCount() {
        return size * inputSize + size;
    }

    /** Z = X·Wᵀ, then + b row by row. */
    @Override
    void computePreActivations(int rows) {
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
    }

    /** gWᵀ = Xᵀ·dZ and gb = Σ_rows dZ, each from 0.0 in row order. */
    @Override
    void computeParameterGradients(int rows) {
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
    }

    /**
     * Share {@code share} of {@code shares}: the rows i of Wᵀ (the weights of input i to every
     * neuron) in its contiguous part of {@code [0, inputSize)}, and the biases in its part of
     * {@code [0, size)}. Each gradient sum is zeroed, then for each shard and row in order, dZ_j · x_i
     * added (all terms, as the single-threaded product adds them, so that even a diverged network's
     * NaNs are the same); then, unless {@code rule} is null, one step of the update on exactly those
     * parameters.
     */
    @Override
    void accumulateAndUpdate(InterpretedNode[] shards, int[] rows, int share, int shares, UpdateRule rule,
            double[] scalars, double decay) {
        int i0 = TrainingThreads.partStart(inputSize, share, shares);
        int i1 = TrainingThreads.partStart(inputSize, share + 1, shares);
        int j0 = TrainingThreads.partStart(size, share, shares);
        int j1 = TrainingThreads.partStart(size, share + 1, shares);
        double[] gwt = weightGradient.data;
        double[] gb = biasGradient.data;
        java.util.Arrays.fill(gwt, i0 * size, i1 * size, 0.0);
        java.util.Arrays.fill(gb, j0, j1, 0.0);
        for (int k = 0; k < shards.length; k++) {
            double[] x = shards[k].input.data;
            double[] dz = shards[k].preActivationGradient.data;
            for (int row = 0; row < rows[k]; row++) {
                int xBase = row * inputSize;
                int dzBase = row * size;
                for (int i = i0; i < i1; i++) {
                    double xi = x[xBase + i];
                    int base = i * size;
                    for (int j = 0; j < size; j++) {
                        gwt[base + j] += dz[dzBase + j] * xi;
                    }
                }
                for (int j = j0; j < j1; j++) {
                    gb[j] += dz[dzBase + j];
                }
            }
        }
        if (rule != null) {
            rule.update(weights.data, weightGradient.data, weightState, i0 * size, i1 * size, scalars, decay);
            rule.update(biases.data, biasGradient.data, biasState, j0, j1, scalars, 1.0);
        }
    }

    /** dX = dZ·W (= dZ·(Wᵀ)ᵀ). */
    @Override
    void computeInputGradient(int rows) {
        CommonOps_DDRM.fill(inputGradient, 0.0);
        CommonOps_DDRM.multAddTransB(preActivationGradient, weights, inputGradient);
    }

    @Override
    int readParameters(double[] src, int offset) {
        return read(src, offset, weights.data, biases.data);
    }

    @Override
    int writeParameters(double[] dst, int offset) {
        return write(weights.data, biases.data, dst, offset);
    }

    @Override
    int writeGradient(double[] dst, int offset) {
        return write(weightGradient.data, biasGradient.data, dst, offset);
    }

    @Override
    int readGradient(double[] src, int offset) {
        return read(src, offset, weightGradient.data, biasGradient.data);
    }

    @Override
    int writeState(int slot, double[] dst, int offset) {
        return write(weightState[slot], biasState[slot], dst, offset);
    }

    @Override
    int readState(int slot, double[] src, int offset) {
        return read(src, offset, weightState[slot], biasState[slot]);
    }

    /** The weights block with the decay, then the biases without. */
    @Override
    void update(UpdateRule rule, double[] scalars, double decay) {
        rule.update(weights.data, weightGradient.data, weightState, 0, size * inputSize, scalars, decay);
        rule.update(biases.data, biasGradient.data, biasState, 0, size, scalars, 1.0);
    }

    /** Reads W row by row into the transposed {@code wt}, then the biases into {@code b}; returns the next offset. */
    private int read(double[] src, int offset, double[] wt, double[] b) {
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < inputSize; i++) {
                wt[i * size + j] = src[offset + j * inputSize + i];
            }
        }
        System.arraycopy(src, offset + size * inputSize, b, 0, size);
        return offset + parameterCount();
    }

    /** Writes the transposed {@code wt} row by row of its transpose, then {@code b}; returns the next offset. */
    private int write(double[] wt, double[] b, double[] dst, int offset) {
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < inputSize; i++) {
                dst[offset + j * inputSize + i] = wt[i * size + j];
            }
        }
        System.arraycopy(b, 0, dst, offset + size * inputSize, size);
        return offset + parameterCount();
    }
}
