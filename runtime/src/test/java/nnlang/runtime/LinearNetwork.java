package nnlang.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * A one-layer linear network, a = W·x + b, trained on the quadratic cost, written out by hand after
 * the canonical operation order: a real {@link Network} with a gradient simple enough to check by
 * hand, so that the trainer can be tested independently of either back end. Per sample,
 * dC/dW_ji = (a_j - y_j)·x_i and dC/db_j = a_j - y_j.
 */
class LinearNetwork implements Network {

    private final ParameterLayout layout;
    private final int inputs;
    private final int outputs;
    private final double[] params;

    LinearNetwork(String name, int inputs, int outputs) {
        this.layout = new ParameterLayout(name, List.of(ParameterLayout.NodeBlocks.dense("out", outputs, inputs)));
        this.inputs = inputs;
        this.outputs = outputs;
        this.params = new double[layout.parameterCount()];
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public void predict(double[] input, double[] output) {
        for (int j = 0; j < outputs; j++) {
            double z = 0.0;
            for (int i = 0; i < inputs; i++) {
                z += params[j * inputs + i] * input[i];
            }
            z += params[outputs * inputs + j];
            output[j] = z;
        }
    }

    @Override
    public double gradient(Samples data, int[] order, int from, int to, double[] dst) {
        double batchCost = 0.0;
        Arrays.fill(dst, 0, params.length, 0.0);
        double[] x = new double[inputs];
        double[] y = new double[outputs];
        double[] a = new double[outputs];
        for (int s = from; s < to; s++) {
            data.input(order[s], x);
            data.target(order[s], y);
            predict(x, a);
            batchCost += nnlang.model.Cost.QUADRATIC.value(a, y, false);
            for (int j = 0; j < outputs; j++) {
                double dz = a[j] - y[j];
                for (int i = 0; i < inputs; i++) {
                    dst[j * inputs + i] += dz * x[i];
                }
                dst[outputs * inputs + j] += dz;
            }
        }
        return batchCost;
    }

    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
        double[] g = new double[params.length];
        double batchCost = gradient(data, order, from, to, g);
        applyGradient(g, to - from, rate, decay);
        return batchCost;
    }

    @Override
    public void applyGradient(double[] g, int count, double rate, double decay) {
        double c = -(rate / count);
        int weights = outputs * inputs;
        for (int k = 0; k < weights; k++) {
            params[k] = (decay == 1.0 ? params[k] : decay * params[k]) + c * g[k];
        }
        for (int k = weights; k < params.length; k++) {
            params[k] = params[k] + c * g[k];
        }
    }

    @Override
    public int optimizerStateSize() {
        return 0;
    }

    @Override
    public void getOptimizerState(double[] dst) {
    }

    @Override
    public void setOptimizerState(double[] src) {
    }

    @Override
    public void getParameters(double[] dst) {
        System.arraycopy(params, 0, dst, 0, params.length);
    }

    @Override
    public void setParameters(double[] src) {
        System.arraycopy(src, 0, params, 0, params.length);
    }
}
