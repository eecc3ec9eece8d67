package nnlang.testing;

import java.util.List;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Optimizer;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.Samples;

/**
 * The canonical operation order of {@code nnlang.runtime}'s package documentation written as plain
 * per-sample loops over the {@link Activation} table, with no attention to speed: the yardstick
 * both back ends must match bit for bit. Starts from {@link Initializer#initialParameters}.
 */
public final class ReferenceNetwork implements Network {

    private final NetworkModel model;
    private final Cost cost;
    private final double[] parameters;
    private final int[] offsets;
    /** Momentum's velocities, one per parameter in parameter order; null for plain SGD. */
    private final double[] velocity;
    private final double mu;

    public ReferenceNetwork(NetworkModel model) {
        this.model = model;
        this.cost = model.train().map(TrainSpec::cost).orElse(null);
        this.parameters = Initializer.initialParameters(model);
        this.offsets = new int[model.nodes().size()];
        for (int n = 0; n < offsets.length; n++) {
            offsets[n] = model.parameterOffset(n);
        }
        Optimizer optimizer = model.train().map(TrainSpec::optimizer).orElse(null);
        this.velocity = optimizer instanceof Optimizer.Momentum ? new double[parameters.length] : null;
        this.mu = optimizer instanceof Optimizer.Momentum m ? m.mu() : 0.0;
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    @Override
    public int outputSize() {
        return model.outputSize();
    }

    @Override
    public ParameterLayout layout() {
        return ParameterLayout.of(model);
    }

    @Override
    public void predict(double[] input, double[] output) {
        int nodes = model.nodes().size();
        double[][] a = forward(input, new double[nodes][], new double[nodes][]);
        int k = 0;
        for (Source s : model.output().sources()) {
            for (int e = 0; e < s.length(); e++) {
                output[k++] = valueOf(s.node(), input, a)[s.offset() + e];
            }
        }
    }

    /**
     * The pre-activations z of every node for one sample, indexed by node (to find out whether a
     * change of parameters moves a relu across its kink).
     */
    public double[][] preActivations(double[] input) {
        int nodes = model.nodes().size();
        double[][] z = new double[nodes][];
        forward(input, z, new double[nodes][]);
        return z;
    }

    /** Fills z and a per node for one sample; returns a. */
    private double[][] forward(double[] input, double[][] z, double[][] a) {
        for (Node node : model.nodes()) {
            int n = node.index();
            double[] x = nodeInput(node, input, a);
            z[n] = new double[node.size()];
            a[n] = new double[node.size()];
            int w = offsets[n];
            int b = w + node.size() * node.inputSize();
            for (int j = 0; j < node.size(); j++) {
                double sum = 0.0;
                for (int i = 0; i < x.length; i++) {
                    sum += parameters[w + j * x.length + i] * x[i];
                }
                z[n][j] = sum + parameters[b + j];
            }
            if (node.activation().isElementwise()) {
                for (int j = 0; j < node.size(); j++) {
                    a[n][j] = node.activation().apply(z[n][j]);
                }
            } else {
                BuiltinActivation.softmax(z[n], a[n], 0, node.size());
            }
        }
        return a;
    }

    private double[] nodeInput(Node node, double[] input, double[][] a) {
        double[] x = new double[node.inputSize()];
        int i = 0;
        for (Source s : node.sources()) {
            System.arraycopy(valueOf(s.node(), input, a), s.offset(), x, i, s.length());
            i += s.length();
        }
        return x;
    }

    private static double[] valueOf(int node, double[] input, double[][] a) {
        return node == Source.INPUT ? input : a[node];
    }

    /** Forward and backward for one sample, adding its gradient into {@code g} (parameter order). */
    private void backward(double[] input, double[] y, double[] g) {
        List<Node> nodes = model.nodes();
        double[][] z = new double[nodes.size()][];
        double[][] a = forward(input, z, new double[nodes.size()][]);
        double[][] gA = new double[nodes.size()][];
        double[][] c = new double[nodes.size()][];
        for (Node node : nodes) {
            gA[node.index()] = new double[node.size()];
        }
        int k = 0;
        for (Source s : model.output().sources()) {
            for (int e = 0; e < s.length(); e++, k++) {
                if (s.isInput()) {
                    continue;
                }
                double[] sink = gA[s.node()];
                if (cost == Cost.CROSS_ENTROPY) {
                    c[s.node()] = c[s.node()] == null ? new double[a[s.node()].length] : c[s.node()];
                    sink = c[s.node()];
                }
                sink[s.offset() + e] += a[s.node()][s.offset() + e] - y[k];
            }
        }
        for (int n = nodes.size() - 1; n >= 0; n--) {
            Node node = nodes.get(n);
            double[] dz = new double[node.size()];
            if (c[n] != null && !model.isConsumed(n)) {
                dz = c[n];
            } else {
                if (node.activation().isElementwise()) {
                    for (int j = 0; j < node.size(); j++) {
                        dz[j] = gA[n][j] * node.activation().derivative(z[n][j], a[n][j]);
                    }
                } else {
                    BuiltinActivation.softmaxBackward(gA[n], a[n], dz, 0, node.size());
                }
                for (int j = 0; c[n] != null && j < node.size(); j++) {
                    dz[j] = c[n][j] + dz[j];
                }
            }
            double[] x = nodeInput(node, input, a);
            int w = offsets[n];
            int b = w + node.size() * x.length;
            for (int j = 0; j < node.size(); j++) {
                for (int i = 0; i < x.length; i++) {
                    g[w + j * x.length + i] += dz[j] * x[i];
                }
                g[b + j] += dz[j];
            }
            int i = 0;
            for (Source s : node.sources()) {
                for (int e = 0; e < s.length(); e++, i++) {
                    if (!s.isInput()) {
                        double dx = 0.0;
                        for (int j = 0; j < node.size(); j++) {
                            dx += dz[j] * parameters[w + j * x.length + i];
                        }
                        gA[s.node()][s.offset() + e] += dx;
                    }
                }
            }
        }
    }

    @Override
    public double gradient(Samples data, int[] order, int from, int to, double[] dst) {
        double batchCost = 0.0;
        double[] g = new double[parameters.length];
        double[] x = new double[data.inputSize()];
        double[] y = new double[data.targetSize()];
        for (int s = from; s < to; s++) {
            data.input(order[s], x);
            data.target(order[s], y);
            batchCost += cost.value(predict(x), y, model.hasSoftmaxOutput());
            backward(x, y, g);
        }
        System.arraycopy(g, 0, dst, 0, g.length);
        return batchCost;
    }

    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
        double[] g = new double[parameters.length];
        double batchCost = gradient(data, order, from, to, g);
        applyGradient(g, to - from, rate, decay);
        return batchCost;
    }

    /**
     * SGD: w = decay * w + c * g (w + c * g when decay is 1.0), b = b + c * g. Momentum: v = mu * v + c * g,
     * then w = decay * w + v (w + v), b = b + v.
     */
    @Override
    public void applyGradient(double[] g, int count, double rate, double decay) {
        double c = -(rate / count);
        for (Node node : model.nodes()) {
            if (node.fixed()) {
                continue;
            }
            int w = offsets[node.index()];
            int b = w + node.size() * node.inputSize();
            for (int p = w; p < b + node.size(); p++) {
                boolean decayed = p < b && decay != 1.0;
                double step = c * g[p];
                if (velocity != null) {
                    velocity[p] = mu * velocity[p] + step;
                    step = velocity[p];
                }
                parameters[p] = decayed ? decay * parameters[p] + step : parameters[p] + step;
            }
        }
    }

    @Override
    public int optimizerStateSize() {
        return velocity == null ? 0 : velocity.length;
    }

    @Override
    public void getOptimizerState(double[] dst) {
        if (velocity != null) {
            System.arraycopy(velocity, 0, dst, 0, velocity.length);
        }
    }

    @Override
    public void setOptimizerState(double[] src) {
        if (velocity != null) {
            System.arraycopy(src, 0, velocity, 0, velocity.length);
        }
    }

    @Override
    public void getParameters(double[] dst) {
        System.arraycopy(parameters, 0, dst, 0, parameters.length);
    }

    @Override
    public void setParameters(double[] src) {
        System.arraycopy(src, 0, parameters, 0, parameters.length);
    }
}
