package nnlang.runtime;

import nnlang.model.Node;
import nnlang.model.Pool;
import org.ejml.data.DMatrixRMaj;

/**
 * A maxpool or avgpool node of an {@link Interpreter}, in plain loops over each sample of the batch in
 * the canonical order of {@code package-info}: per channel and window in ascending order, the window's
 * elements row by row. A maxpool's gradient goes to each window's choice, found again from the input
 * by the same comparisons as the forward pass; an avgpool's, divided by the window's size once per
 * window, to every element of the window. No parameters.
 */
final class PoolNode extends InterpretedNode {

    private final boolean max;
    /** For each output element (c, oy, ox) of one sample, the input indices of its window in order. */
    private final int[][] window;
    private final double count;

    PoolNode(Node node, DMatrixRMaj[] sourceValues, DMatrixRMaj[] sourceGradients, boolean fusedCost,
            boolean consumed, int rows) {
        super(node, sourceValues, sourceGradients, fusedCost, consumed, rows);
        Pool pool = (Pool) node.layer();
        this.max = pool.kind() == Pool.Kind.MAX;
        this.window = windows(pool);
        this.count = pool.windowSize();
    }

    /** window[(c · OH + oy) · OW + ox]: the flat input indices of that window, row by row. */
    static int[][] windows(Pool pool) {
        int oh = pool.outputHeight();
        int ow = pool.outputWidth();
        int[][] windows = new int[pool.channels() * oh * ow][pool.windowSize()];
        for (int c = 0; c < pool.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int[] w = windows[(c * oh + oy) * ow + ox];
                    int e = 0;
                    for (int ky = 0; ky < pool.kernelHeight(); ky++) {
                        for (int kx = 0; kx < pool.kernelWidth(); kx++) {
                            int iy = oy * pool.strideY() + ky;
                            int ix = ox * pool.strideX() + kx;
                            w[e++] = (c * pool.inputHeight() + iy) * pool.inputWidth() + ix;
                        }
                    }
                }
            }
        }
        return windows;
    }

    @Override
    int parameterCount() {
        return 0;
    }

    @Override
    void computePreActivations(int rows) {
        double[] x = input.data;
        double[] z = preActivations.data;
        for (int row = 0; row < rows; row++) {
            int from = row * inputSize;
            for (int o = 0; o < size; o++) {
                int[] w = window[o];
                z[row * size + o] = max ? x[from + w[choice(x, from, w)]] : sum(x, from, w) / count;
            }
        }
    }

    /** The position in {@code w} of the window's first maximum: m = first, then m = v whenever v &gt; m. */
    static int choice(double[] x, int from, int[] w) {
        int chosen = 0;
        double m = x[from + w[0]];
        for (int e = 1; e < w.length; e++) {
            double v = x[from + w[e]];
            if (v > m) {
                m = v;
                chosen = e;
            }
        }
        return chosen;
    }

    private static double sum(double[] x, int from, int[] w) {
        double s = 0.0;
        for (int index : w) {
            s += x[from + index];
        }
        return s;
    }

    @Override
    void computeParameterGradients(int rows) {
    }

    /** No parameters: nothing to accumulate or update. */
    @Override
    void accumulateAndUpdate(InterpretedNode[] shards, int[] rows, int share, int shares, UpdateRule rule,
            double[] scalars, double decay) {
    }

    @Override
    void computeInputGradient(int rows) {
        double[] x = input.data;
        double[] dz = preActivationGradient.data;
        double[] dx = inputGradient.data;
        java.util.Arrays.fill(dx, 0, rows * inputSize, 0.0);
        for (int row = 0; row < rows; row++) {
            int from = row * inputSize;
            for (int o = 0; o < size; o++) {
                int[] w = window[o];
                double d = dz[row * size + o];
                if (max) {
                    dx[from + w[choice(x, from, w)]] += d;
                } else {
                    double share = d / count;
                    for (int index : w) {
                        dx[from + index] += share;
                    }
                }
            }
        }
    }

    @Override
    int readParameters(double[] src, int offset) {
        return offset;
    }

    @Override
    int writeParameters(double[] dst, int offset) {
        return offset;
    }

    @Override
    int writeGradient(double[] dst, int offset) {
        return offset;
    }

    @Override
    int readGradient(double[] src, int offset) {
        return offset;
    }

    @Override
    int writeState(int slot, double[] dst, int offset) {
        return offset;
    }

    @Override
    int readState(int slot, double[] src, int offset) {
        return offset;
    }

    @Override
    void update(UpdateRule rule, double[] scalars, double decay) {
    }
}
