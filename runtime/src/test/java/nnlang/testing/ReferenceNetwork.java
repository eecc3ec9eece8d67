package nnlang.testing;

import java.util.Arrays;
import java.util.List;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Conv;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Optimizer;
import nnlang.model.Pool;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.Samples;

/**
 * The canonical operation order of {@code nnlang.runtime}'s package documentation written as plain
 * per-sample loops over the {@link Activation} table, with no attention to speed: the yardstick
 * both back ends must match bit for bit. Starts from {@link Initializer#initialParameters}. Every
 * optimizer's step and the dropout generator are written out here again from that document, not
 * taken from the runtime.
 */
public final class ReferenceNetwork implements Network {

    private final NetworkModel model;
    private final Cost cost;
    private final double[] parameters;
    private final int[] offsets;
    private final Optimizer optimizer;
    /** The optimizer's state, slot by slot, one value per parameter in parameter order. */
    private final double[][] slots;
    /** Adam's step count t. */
    private double steps;
    /** Per node, its dropout rate (0.0 for none); the dropout generator's draws so far. */
    private final double[] dropout;
    private final boolean dropsOut;
    private long drawn;

    public ReferenceNetwork(NetworkModel model) {
        this.model = model;
        this.cost = model.train().map(TrainSpec::cost).orElse(null);
        this.parameters = Initializer.initialParameters(model);
        this.offsets = new int[model.nodes().size()];
        for (int n = 0; n < offsets.length; n++) {
            offsets[n] = model.parameterOffset(n);
        }
        this.optimizer = model.train().map(TrainSpec::optimizer).orElse(null);
        this.slots = new double[optimizer == null ? 0 : optimizer.stateSlots()][parameters.length];
        this.dropout = new double[model.nodes().size()];
        for (int n = 0; n < dropout.length; n++) {
            int node = n;
            dropout[n] = model.train().map(t -> t.dropout(node)).orElse(0.0);
        }
        this.dropsOut = Arrays.stream(dropout).anyMatch(r -> r > 0.0);
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
        double[][] a = forward(input, new double[nodes][], new double[nodes][], null, null);
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
        forward(input, z, new double[nodes][], null, null);
        return z;
    }

    /** For one sample, the element each window of each maxpool node chooses, nodes and windows in order. */
    public List<Integer> maxpoolChoices(double[] input) {
        int nodes = model.nodes().size();
        double[][] a = forward(input, new double[nodes][], new double[nodes][], null, null);
        List<Integer> choices = new java.util.ArrayList<>();
        for (Node node : model.nodes()) {
            if (node.layer() instanceof Pool pool && pool.kind() == Pool.Kind.MAX) {
                double[] x = nodeInput(node, input, a);
                for (int c = 0; c < pool.channels(); c++) {
                    for (int oy = 0; oy < pool.outputHeight(); oy++) {
                        for (int ox = 0; ox < pool.outputWidth(); ox++) {
                            choices.add(firstMaximum(x, window(pool, c, oy, ox)));
                        }
                    }
                }
            }
        }
        return choices;
    }

    /**
     * Fills z and a per node for one sample; returns a. With {@code masks} (training), a node that drops
     * out keeps f(z) in {@code undropped} and its a is f(z) times its mask.
     */
    private double[][] forward(double[] input, double[][] z, double[][] a, double[][] masks, double[][] undropped) {
        for (Node node : model.nodes()) {
            int n = node.index();
            double[] x = nodeInput(node, input, a);
            z[n] = new double[node.size()];
            a[n] = new double[node.size()];
            int w = offsets[n];
            if (node.layer() instanceof Conv conv) {
                convolve(conv, x, w, z[n]);
            } else if (node.layer() instanceof Pool pool) {
                pool(pool, x, z[n]);
            } else {
                int b = w + node.size() * node.inputSize();
                for (int j = 0; j < node.size(); j++) {
                    double sum = 0.0;
                    for (int i = 0; i < x.length; i++) {
                        sum += parameters[w + j * x.length + i] * x[i];
                    }
                    z[n][j] = sum + parameters[b + j];
                }
            }
            if (node.activation().isElementwise()) {
                for (int j = 0; j < node.size(); j++) {
                    a[n][j] = node.activation().apply(z[n][j]);
                }
            } else {
                BuiltinActivation.softmax(z[n], a[n], 0, node.size());
            }
            if (masks != null && masks[n] != null) {
                undropped[n] = a[n];
                a[n] = new double[node.size()];
                for (int j = 0; j < node.size(); j++) {
                    a[n][j] = undropped[n][j] * masks[n][j];
                }
            }
        }
        return a;
    }

    /** One sample's masks: for each node that drops out in index order, each element in order, one draw. */
    private double[][] drawMasks() {
        double[][] masks = new double[model.nodes().size()][];
        for (Node node : model.nodes()) {
            double rate = dropout[node.index()];
            if (rate > 0.0) {
                double keep = 1.0 - rate;
                double scale = 1.0 / keep;
                masks[node.index()] = new double[node.size()];
                for (int j = 0; j < node.size(); j++) {
                    masks[node.index()][j] = uniform(drawn++) < keep ? scale : 0.0;
                }
            }
        }
        return masks;
    }

    private double uniform(long k) {
        return dropoutUniform(model.train().orElseThrow().seed(), k);
    }

    /**
     * The k-th value of the dropout generator of a train block with {@code seed}: SplitMix64 at
     * position k from base seed + 0xD1B54A32D192ED03, as 53 bits in [0, 1).
     */
    public static double dropoutUniform(long seed, long k) {
        long z = seed + 0xD1B54A32D192ED03L + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) / (double) (1L << 53);
    }

    /** Element (c, y, x) of an image of {@code shape} stored flat, or -1 outside it. */
    private static int at(nnlang.model.Shape shape, int c, int y, int x) {
        boolean inside = y >= 0 && y < shape.dim(1) && x >= 0 && x < shape.dim(2);
        return inside ? (c * shape.dim(1) + y) * shape.dim(2) + x : -1;
    }

    /** z[f][oy][ox] = 0.0 + w[f][c][ky][kx] · x[c][iy][ix] for c, ky, kx ascending inside the image, then + b[f]. */
    private void convolve(Conv conv, double[] x, int w, double[] z) {
        int oh = conv.outputHeight();
        int ow = conv.outputWidth();
        int fan = conv.fanIn();
        for (int f = 0; f < conv.filters(); f++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double sum = 0.0;
                    for (int c = 0; c < conv.channels(); c++) {
                        for (int ky = 0; ky < conv.kernelHeight(); ky++) {
                            for (int kx = 0; kx < conv.kernelWidth(); kx++) {
                                int i = at(conv.inputShape(), c, oy * conv.strideY() + ky - conv.padTop(),
                                        ox * conv.strideX() + kx - conv.padLeft());
                                if (i >= 0) {
                                    sum += parameters[w + f * fan + (c * conv.kernelHeight() + ky) * conv.kernelWidth()
                                            + kx] * x[i];
                                }
                            }
                        }
                    }
                    z[(f * oh + oy) * ow + ox] = sum + parameters[w + conv.filters() * fan + f];
                }
            }
        }
    }

    /**
     * Adds one sample's gW and gb into {@code g} (positions ascending) and returns its dX: for each
     * position ascending and each (c, ky, kx) inside, t = 0.0 + dZ[f] · w[f][c][ky][kx] over f, added to
     * the element under it.
     */
    private double[] convolutionGradients(Conv conv, double[] x, double[] dz, int w, double[] g) {
        int oh = conv.outputHeight();
        int ow = conv.outputWidth();
        int fan = conv.fanIn();
        int bias = w + conv.filters() * fan;
        double[] dx = new double[x.length];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int f = 0; f < conv.filters(); f++) {
                    double d = dz[(f * oh + oy) * ow + ox];
                    for (int c = 0; c < conv.channels(); c++) {
                        for (int ky = 0; ky < conv.kernelHeight(); ky++) {
                            for (int kx = 0; kx < conv.kernelWidth(); kx++) {
                                int i = at(conv.inputShape(), c, oy * conv.strideY() + ky - conv.padTop(),
                                        ox * conv.strideX() + kx - conv.padLeft());
                                if (i >= 0) {
                                    g[w + f * fan + (c * conv.kernelHeight() + ky) * conv.kernelWidth() + kx] += d * x[i];
                                }
                            }
                        }
                    }
                    g[bias + f] += d;
                }
                for (int c = 0; c < conv.channels(); c++) {
                    for (int ky = 0; ky < conv.kernelHeight(); ky++) {
                        for (int kx = 0; kx < conv.kernelWidth(); kx++) {
                            int i = at(conv.inputShape(), c, oy * conv.strideY() + ky - conv.padTop(),
                                    ox * conv.strideX() + kx - conv.padLeft());
                            if (i >= 0) {
                                double t = 0.0;
                                for (int f = 0; f < conv.filters(); f++) {
                                    t += dz[(f * oh + oy) * ow + ox]
                                            * parameters[w + f * fan + (c * conv.kernelHeight() + ky) * conv.kernelWidth() + kx];
                                }
                                dx[i] += t;
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** Each window of each channel, its elements row by row: the first maximum, or the sum over the window's size. */
    private static void pool(Pool pool, double[] x, double[] z) {
        int o = 0;
        for (int c = 0; c < pool.channels(); c++) {
            for (int oy = 0; oy < pool.outputHeight(); oy++) {
                for (int ox = 0; ox < pool.outputWidth(); ox++) {
                    int[] window = window(pool, c, oy, ox);
                    if (pool.kind() == Pool.Kind.MAX) {
                        z[o++] = x[window[firstMaximum(x, window)]];
                    } else {
                        double sum = 0.0;
                        for (int e : window) {
                            sum += x[e];
                        }
                        z[o++] = sum / (pool.kernelHeight() * pool.kernelWidth());
                    }
                }
            }
        }
    }

    /** dX of a pool: 0.0, then each window's dZ (an average's divided by the window's size) added in window order. */
    private static double[] poolGradient(Pool pool, double[] x, double[] dz) {
        double[] dx = new double[x.length];
        int o = 0;
        for (int c = 0; c < pool.channels(); c++) {
            for (int oy = 0; oy < pool.outputHeight(); oy++) {
                for (int ox = 0; ox < pool.outputWidth(); ox++, o++) {
                    int[] window = window(pool, c, oy, ox);
                    if (pool.kind() == Pool.Kind.MAX) {
                        dx[window[firstMaximum(x, window)]] += dz[o];
                    } else {
                        double share = dz[o] / (pool.kernelHeight() * pool.kernelWidth());
                        for (int e : window) {
                            dx[e] += share;
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static int[] window(Pool pool, int c, int oy, int ox) {
        int[] window = new int[pool.kernelHeight() * pool.kernelWidth()];
        int e = 0;
        for (int ky = 0; ky < pool.kernelHeight(); ky++) {
            for (int kx = 0; kx < pool.kernelWidth(); kx++) {
                window[e++] = at(pool.inputShape(), c, oy * pool.strideY() + ky, ox * pool.strideX() + kx);
            }
        }
        return window;
    }

    /** The index in {@code window} of its first largest element, comparing with {@code >} in order. */
    public static int firstMaximum(double[] x, int[] window) {
        int best = 0;
        for (int e = 1; e < window.length; e++) {
            if (x[window[e]] > x[window[best]]) {
                best = e;
            }
        }
        return best;
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

    /**
     * Forward and backward for one sample, adding its gradient into {@code g} (parameter order);
     * returns the sample's cost.
     */
    private double backward(double[] input, double[] y, double[] g) {
        List<Node> nodes = model.nodes();
        double[][] z = new double[nodes.size()][];
        double[][] masks = dropsOut ? drawMasks() : new double[nodes.size()][];
        double[][] undropped = new double[nodes.size()][];
        double[][] a = forward(input, z, new double[nodes.size()][], masks, undropped);
        double[] outputs = new double[model.outputSize()];
        int o = 0;
        for (Source s : model.output().sources()) {
            for (int e = 0; e < s.length(); e++) {
                outputs[o++] = valueOf(s.node(), input, a)[s.offset() + e];
            }
        }
        double sampleCost = cost.value(outputs, y, model.hasSoftmaxOutput());
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
                if (masks[n] != null) {
                    for (int j = 0; j < node.size(); j++) {
                        double t = gA[n][j] * masks[n][j];
                        dz[j] = t * node.activation().derivative(z[n][j], undropped[n][j]);
                    }
                } else if (node.activation().isElementwise()) {
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
            double[] dx;
            if (node.layer() instanceof Conv conv) {
                dx = convolutionGradients(conv, x, dz, w, g);
            } else if (node.layer() instanceof Pool pool) {
                dx = poolGradient(pool, x, dz);
            } else {
                int b = w + node.size() * x.length;
                for (int j = 0; j < node.size(); j++) {
                    for (int i = 0; i < x.length; i++) {
                        g[w + j * x.length + i] += dz[j] * x[i];
                    }
                    g[b + j] += dz[j];
                }
                dx = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    dx[i] = 0.0;
                    for (int j = 0; j < node.size(); j++) {
                        dx[i] += dz[j] * parameters[w + j * x.length + i];
                    }
                }
            }
            int i = 0;
            for (Source s : node.sources()) {
                for (int e = 0; e < s.length(); e++, i++) {
                    if (!s.isInput()) {
                        gA[s.node()][s.offset() + e] += dx[i];
                    }
                }
            }
        }
        return sampleCost;
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
            batchCost += backward(x, y, g);
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

    /** One step of the optimizer, as the canonical order writes each one. */
    @Override
    public void applyGradient(double[] g, int count, double rate, double decay) {
        double m = count;
        double c = -(rate / m);
        double k = 0.0;
        double k1 = 0.0;
        double b = 0.0;
        if (optimizer instanceof Optimizer.RmsProp r) {
            k = (1.0 - r.rho()) / (m * m);
        } else if (optimizer instanceof Optimizer.Adam adam) {
            steps = steps + 1.0;
            c = -(rate / (1.0 - StrictMath.pow(adam.beta1(), steps)));
            k1 = (1.0 - adam.beta1()) / m;
            k = (1.0 - adam.beta2()) / (m * m);
            b = 1.0 / (1.0 - StrictMath.pow(adam.beta2(), steps));
        }
        for (Node node : model.nodes()) {
            if (node.fixed()) {
                continue;
            }
            int w = offsets[node.index()];
            int end = w + node.parameterCount();
            int bias = end - (node.layer() instanceof Pool ? 0 : node.layer().outputShape().dim(0));
            for (int p = w; p < end; p++) {
                boolean decayed = p < bias && decay != 1.0;
                double kept = decayed ? decay * parameters[p] : parameters[p];
                double step;
                if (optimizer instanceof Optimizer.Momentum momentum) {
                    slots[0][p] = momentum.mu() * slots[0][p] + c * g[p];
                    step = slots[0][p];
                } else if (optimizer instanceof Optimizer.Nesterov nesterov) {
                    double s = c * g[p];
                    slots[0][p] = nesterov.mu() * slots[0][p] + s;
                    step = nesterov.mu() * slots[0][p] + s;
                } else if (optimizer instanceof Optimizer.RmsProp r) {
                    slots[0][p] = r.rho() * slots[0][p] + k * (g[p] * g[p]);
                    step = c * (g[p] / (Math.sqrt(slots[0][p]) + r.epsilon()));
                } else if (optimizer instanceof Optimizer.Adam adam) {
                    slots[0][p] = adam.beta1() * slots[0][p] + k1 * g[p];
                    slots[1][p] = adam.beta2() * slots[1][p] + k * (g[p] * g[p]);
                    step = c * (slots[0][p] / (Math.sqrt(slots[1][p] * b) + adam.epsilon()));
                } else {
                    step = c * g[p];
                }
                parameters[p] = kept + step;
            }
        }
    }

    /** The slots, then Adam's step count, then the dropout generator's draws. */
    @Override
    public int optimizerStateSize() {
        return slots.length * parameters.length + (optimizer instanceof Optimizer.Adam ? 1 : 0) + (dropsOut ? 1 : 0);
    }

    @Override
    public void getOptimizerState(double[] dst) {
        int at = 0;
        for (double[] slot : slots) {
            System.arraycopy(slot, 0, dst, at, slot.length);
            at += slot.length;
        }
        if (optimizer instanceof Optimizer.Adam) {
            dst[at++] = steps;
        }
        if (dropsOut) {
            dst[at] = drawn;
        }
    }

    @Override
    public void setOptimizerState(double[] src) {
        int at = 0;
        for (double[] slot : slots) {
            System.arraycopy(src, at, slot, 0, slot.length);
            at += slot.length;
        }
        if (optimizer instanceof Optimizer.Adam) {
            steps = src[at++];
        }
        if (dropsOut) {
            drawn = (long) src[at];
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
