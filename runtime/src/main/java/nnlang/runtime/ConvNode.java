package nnlang.runtime;

import nnlang.model.Conv;
import nnlang.model.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * A convolution node of an {@link Interpreter}, in plain loops over each sample of the batch in the
 * canonical order of {@code package-info}. Per sample the image x (C × H × W, a row of X) is unfolded
 * into the kernel's view of it, one array per (c, ky, kx) holding the input under that kernel element
 * at every output position, 0.0 in the padding; then each output channel f is
 * z_f = ((0.0 + w_f0 · view_0) + w_f1 · view_1) + … over whole arrays, which adds each element's terms
 * in the canonical (c, ky, kx) order, then + b_f. A padded position's term w · 0.0 is ±0.0 added to
 * a sum that started at +0.0, so it changes no bit.
 *
 * <p>Backward, per sample in batch order and output position p in ascending order, with
 * {@code patch_p} the input under the kernel at p (0.0 in the padding): gW_f += dZ_f[p] · patch_p and
 * gb_f += dZ_f[p] for every f whose dZ_f[p] is not 0.0; and for dX, t = Σ_f dZ_f[p] · w_f over the same
 * f (from 0.0), each element of t added to the input element under it. Terms with dZ exactly ±0.0 are
 * left out: they cannot change a sum that started at +0.0 ({@code package-info}).
 *
 * <p>Weights are kept as F rows of C·kh·kw, the parameter order, so parameters, gradients and the
 * optimizer's state are copied in and out as they are; every inner loop runs over one row array with
 * the plain loop index.
 */
final class ConvNode extends InterpretedNode {

    private final Conv conv;
    private final int filters;
    private final int fan;
    private final int positions;
    /** For each output position p and kernel element i (c, ky, kx): the input index under it, or -1 in the padding. */
    private final int[][] inputIndex;

    private final double[][] weights;
    private final double[] biases;
    private final double[][] weightGradient;
    private final double[] biasGradient;
    private final double[][][] weightState;
    private final double[][] biasState;

    /** One sample's unfolded input: view[i][p] (forward) and patch[p][i] (backward). */
    private final double[][] view;
    private final double[][] patch;
    /** One sample's z_f and the propagated t, reused. */
    private final double[] plane;
    private final double[] t;

    /**
     * @param shared null, or the node whose parameters, gradient sums and optimizer state this one
     *               shares (a serving copy's node, which only predicts)
     */
    ConvNode(Node node, DMatrixRMaj[] sourceValues, DMatrixRMaj[] sourceGradients, boolean fusedCost,
            boolean consumed, int rows, int stateSlots, ConvNode shared) {
        super(node, sourceValues, sourceGradients, fusedCost, consumed, rows);
        this.conv = (Conv) node.layer();
        this.filters = conv.filters();
        this.fan = conv.fanIn();
        this.positions = conv.outputHeight() * conv.outputWidth();
        this.inputIndex = inputIndex(conv);
        this.weights = shared != null ? shared.weights : new double[filters][fan];
        this.biases = shared != null ? shared.biases : new double[filters];
        this.weightGradient = shared != null ? shared.weightGradient : new double[filters][fan];
        this.biasGradient = shared != null ? shared.biasGradient : new double[filters];
        this.weightState = shared != null ? shared.weightState : new double[stateSlots][filters][fan];
        this.biasState = shared != null ? shared.biasState : new double[stateSlots][filters];
        this.view = new double[fan][positions];
        this.patch = new double[positions][fan];
        this.plane = new double[positions];
        this.t = new double[fan];
    }

    /** inputIndex[p][i]: the flat input index of kernel element i = (c, ky, kx) at output position p, or -1. */
    static int[][] inputIndex(Conv conv) {
        int ow = conv.outputWidth();
        int positions = conv.outputHeight() * ow;
        int[][] index = new int[positions][conv.fanIn()];
        for (int p = 0; p < positions; p++) {
            int oy = p / ow;
            int ox = p % ow;
            int i = 0;
            for (int c = 0; c < conv.channels(); c++) {
                for (int ky = 0; ky < conv.kernelHeight(); ky++) {
                    for (int kx = 0; kx < conv.kernelWidth(); kx++, i++) {
                        int iy = oy * conv.strideY() + ky - conv.padTop();
                        int ix = ox * conv.strideX() + kx - conv.padLeft();
                        boolean inside = iy >= 0 && iy < conv.inputHeight() && ix >= 0 && ix < conv.inputWidth();
                        index[p][i] = inside ? (c * conv.inputHeight() + iy) * conv.inputWidth() + ix : -1;
                    }
                }
            }
        }
        return index;
    }

    @Override
    int parameterCount() {
        return filters * fan + filters;
    }

    /** Per sample: the view of x, then z_f = Σ_i w_fi · view_i from 0.0 in ascending i, then + b_f. */
    @Override
    void computePreActivations(int rows) {
        double[] x = input.data;
        double[] z = preActivations.data;
        for (int row = 0; row < rows; row++) {
            int from = row * inputSize;
            for (int p = 0; p < positions; p++) {
                int[] under = inputIndex[p];
                for (int i = 0; i < fan; i++) {
                    view[i][p] = under[i] < 0 ? 0.0 : x[from + under[i]];
                }
            }
            for (int f = 0; f < filters; f++) {
                java.util.Arrays.fill(plane, 0.0);
                double[] w = weights[f];
                for (int i = 0; i < fan; i++) {
                    double wi = w[i];
                    double[] v = view[i];
                    for (int p = 0; p < positions; p++) {
                        plane[p] += wi * v[p];
                    }
                }
                int to = row * size + f * positions;
                double b = biases[f];
                for (int p = 0; p < positions; p++) {
                    z[to + p] = plane[p] + b;
                }
            }
        }
    }

    /** Per sample in order, per position p ascending: gW_f += dZ_f[p] · patch_p and gb_f += dZ_f[p], dZ not 0.0. */
    @Override
    void computeParameterGradients(int rows) {
        accumulateFilters(new InterpretedNode[] {this}, new int[] {rows}, 0, filters, patch);
    }

    /**
     * The kernel and bias sums of filters {@code [f0, f1)}, zeroed, then for each of {@code shards}
     * in order (this node alone on one thread), each of its {@code rows[k]} rows in order and each
     * position ascending, dZ_f[p] · x under the kernel added (a dZ of exactly 0.0 left out), the
     * patches unfolded into {@code scratch}.
     */
    private void accumulateFilters(InterpretedNode[] shards, int[] rows, int f0, int f1, double[][] scratch) {
        for (int f = f0; f < f1; f++) {
            java.util.Arrays.fill(weightGradient[f], 0.0);
            biasGradient[f] = 0.0;
        }
        for (int k = 0; k < shards.length; k++) {
            double[] x = shards[k].input.data;
            double[] dz = shards[k].preActivationGradient.data;
            for (int row = 0; row < rows[k]; row++) {
                unfold(x, row, scratch);
                for (int p = 0; p < positions; p++) {
                    double[] under = scratch[p];
                    for (int f = f0; f < f1; f++) {
                        double d = dz[row * size + f * positions + p];
                        if (d == 0.0) {
                            continue;
                        }
                        double[] g = weightGradient[f];
                        for (int i = 0; i < fan; i++) {
                            g[i] += d * under[i];
                        }
                        biasGradient[f] += d;
                    }
                }
            }
        }
    }

    private void unfoldPatches(int row) {
        unfold(input.data, row, patch);
    }

    /** Row {@code row} of {@code x}'s patches, one per output position, into {@code patches}. */
    private void unfold(double[] x, int row, double[][] patches) {
        int from = row * inputSize;
        for (int p = 0; p < positions; p++) {
            int[] under = inputIndex[p];
            double[] into = patches[p];
            for (int i = 0; i < fan; i++) {
                into[i] = under[i] < 0 ? 0.0 : x[from + under[i]];
            }
        }
    }

    /**
     * Share {@code share} of {@code shares}: the filters in its contiguous part of {@code [0, filters)},
     * their sums as {@link #computeParameterGradients} computes them (the same terms in the same order
     * for each filter), the patches unfolded into shard {@code share}'s own scratch; then, unless
     * {@code rule} is null, the update of those filters' kernels and biases.
     */
    @Override
    void accumulateAndUpdate(InterpretedNode[] shards, int[] rows, int share, int shares, UpdateRule rule,
            double[] scalars, double decay) {
        int f0 = TrainingThreads.partStart(filters, share, shares);
        int f1 = TrainingThreads.partStart(filters, share + 1, shares);
        accumulateFilters(shards, rows, f0, f1, ((ConvNode) shards[share]).patch);
        if (rule != null) {
            updateFilters(rule, scalars, decay, f0, f1);
        }
    }

    /** Per sample and position p ascending: t = Σ_f dZ_f[p] · w_f from 0.0 (dZ not 0.0), added under the kernel. */
    @Override
    void computeInputGradient(int rows) {
        double[] dz = preActivationGradient.data;
        double[] dx = inputGradient.data;
        java.util.Arrays.fill(dx, 0, rows * inputSize, 0.0);
        for (int row = 0; row < rows; row++) {
            int from = row * inputSize;
            for (int p = 0; p < positions; p++) {
                boolean any = false;
                for (int f = 0; f < filters; f++) {
                    double d = dz[row * size + f * positions + p];
                    if (d == 0.0) {
                        continue;
                    }
                    if (!any) {
                        java.util.Arrays.fill(t, 0.0);
                        any = true;
                    }
                    double[] w = weights[f];
                    for (int i = 0; i < fan; i++) {
                        t[i] += d * w[i];
                    }
                }
                if (any) {
                    int[] under = inputIndex[p];
                    for (int i = 0; i < fan; i++) {
                        if (under[i] >= 0) {
                            dx[from + under[i]] += t[i];
                        }
                    }
                }
            }
        }
    }

    @Override
    int readParameters(double[] src, int offset) {
        return read(src, offset, weights, biases);
    }

    @Override
    int writeParameters(double[] dst, int offset) {
        return write(weights, biases, dst, offset);
    }

    @Override
    int writeGradient(double[] dst, int offset) {
        return write(weightGradient, biasGradient, dst, offset);
    }

    @Override
    int readGradient(double[] src, int offset) {
        return read(src, offset, weightGradient, biasGradient);
    }

    @Override
    int writeState(int slot, double[] dst, int offset) {
        return write(weightState[slot], biasState[slot], dst, offset);
    }

    @Override
    int readState(int slot, double[] src, int offset) {
        return read(src, offset, weightState[slot], biasState[slot]);
    }

    /** Each filter's weights with the decay, then the biases without. */
    @Override
    void update(UpdateRule rule, double[] scalars, double decay) {
        updateFilters(rule, scalars, decay, 0, filters);
    }

    /** The update of filters {@code [f0, f1)}: each one's kernel with the decay, then their biases without. */
    private void updateFilters(UpdateRule rule, double[] scalars, double decay, int f0, int f1) {
        double[][] state = new double[weightState.length][];
        for (int f = f0; f < f1; f++) {
            for (int s = 0; s < state.length; s++) {
                state[s] = weightState[s][f];
            }
            rule.update(weights[f], weightGradient[f], state, 0, fan, scalars, decay);
        }
        rule.update(biases, biasGradient, biasState, f0, f1, scalars, 1.0);
    }

    private int read(double[] src, int offset, double[][] w, double[] b) {
        for (int f = 0; f < filters; f++) {
            System.arraycopy(src, offset + f * fan, w[f], 0, fan);
        }
        System.arraycopy(src, offset + filters * fan, b, 0, filters);
        return offset + parameterCount();
    }

    private int write(double[][] w, double[] b, double[] dst, int offset) {
        for (int f = 0; f < filters; f++) {
            System.arraycopy(w[f], 0, dst, offset + f * fan, fan);
        }
        System.arraycopy(b, 0, dst, offset + filters * fan, filters);
        return offset + parameterCount();
    }
}
