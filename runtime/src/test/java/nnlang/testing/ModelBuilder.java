package nnlang.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import nnlang.model.Dense;
import nnlang.model.Optimizer;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/**
 * Builds small {@link NetworkModel}s in tests the way a source declares them: inputs, then nodes
 * in order, then (optionally) the output and a train block. Without {@link #output} the output is
 * the last node, as in a source without an {@code output} line.
 */
public final class ModelBuilder {

    private final String name;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private List<Source> output;
    private TrainSpec train;
    private int inputSize;

    public ModelBuilder(String name) {
        this.name = name;
    }

    /** Scalar inputs, one element each. */
    public ModelBuilder scalars(String... names) {
        for (String n : names) {
            inputs.add(new Input(n, inputSize++, List.of(), SourcePos.NONE));
        }
        return this;
    }

    /** One vector input of {@code size} elements. */
    public ModelBuilder vector(String inputName, int size) {
        inputs.add(new Input(inputName, inputSize, List.of(size), SourcePos.NONE));
        inputSize += size;
        return this;
    }

    /** One image input of channels × rows × columns. */
    public ModelBuilder image(String inputName, int channels, int rows, int columns) {
        inputs.add(new Input(inputName, inputSize, List.of(channels, rows, columns), SourcePos.NONE));
        inputSize += channels * rows * columns;
        return this;
    }

    /** A layer of any kind reading the whole previous layer (the whole input for the first). */
    public ModelBuilder layer(String nodeName, nnlang.model.Layer layer) {
        Source previous = nodes.isEmpty()
                ? new Source(Source.INPUT, 0, inputSize)
                : new Source(nodes.size() - 1, 0, nodes.get(nodes.size() - 1).size());
        nodes.add(new Node(nodes.size(), nodeName, Node.Kind.LAYER, layer, List.of(previous), SourcePos.NONE));
        return this;
    }

    /** A dense layer reading the whole previous layer (the whole input for the first), nothing preset. */
    public ModelBuilder dense(String nodeName, int size, Activation f) {
        Source previous = nodes.isEmpty()
                ? new Source(Source.INPUT, 0, inputSize)
                : new Source(nodes.size() - 1, 0, nodes.get(nodes.size() - 1).size());
        return node(nodeName, Node.Kind.LAYER, size, f, List.of(previous), null, null);
    }

    /**
     * A node with the given sources; {@code weights} (row-major, size × fanIn) and {@code biases}
     * are presets where not NaN, and a null array presets nothing.
     */
    public ModelBuilder node(String nodeName, Node.Kind kind, int size, Activation f, List<Source> sources,
            double[] weights, double[] biases) {
        int fanIn = sources.stream().mapToInt(Source::length).sum();
        nodes.add(new Node(nodes.size(), nodeName, kind,
                new Dense(size, fanIn, f, presets(weights, size * fanIn), presets(biases, size)), sources, SourcePos.NONE));
        return this;
    }

    private static List<OptionalDouble> presets(double[] values, int count) {
        double[] v = values == null ? filledWithNaN(count) : values;
        if (v.length != count) {
            throw new IllegalArgumentException(count + " presets expected, " + v.length + " given");
        }
        return Arrays.stream(v).mapToObj(x -> Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(x)).toList();
    }

    private static double[] filledWithNaN(int count) {
        double[] v = new double[count];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    public ModelBuilder output(Source... sources) {
        this.output = List.of(sources);
        return this;
    }

    /** A train block on the given table rows with Gaussian initialisation, no L2. */
    public ModelBuilder train(double[][] xs, double[][] ys, Cost cost, double rate, int batch, int epochs,
            Init.Gaussian init, long seed) {
        List<List<Double>> in = Arrays.stream(xs).map(r -> Arrays.stream(r).boxed().toList()).toList();
        List<List<Double>> out = Arrays.stream(ys).map(r -> Arrays.stream(r).boxed().toList()).toList();
        this.train = new TrainSpec(new DataSpec.Table(in, out, SourcePos.NONE), cost,
                new Optimizer.Sgd(rate, batch, 0.0, SourcePos.NONE), Optional.empty(), epochs, init, seed, 0,
                Optional.empty(), SourcePos.NONE);
        return this;
    }

    public NetworkModel build() {
        List<Source> out = output != null ? output
                : List.of(new Source(nodes.size() - 1, 0, nodes.get(nodes.size() - 1).size()));
        return new NetworkModel(name, name + ".nn", inputs, nodes, new Output(out, Optional.empty(), SourcePos.NONE),
                Optional.ofNullable(train), SourcePos.NONE);
    }

    /**
     * A 3-{@code hidden}-2 sigmoid network whose hidden layer drops out at {@code rate}, on 5 samples
     * of non-zero inputs, SGD rate 0.5, batch 1, seed 11.
     */
    public static NetworkModel dropout(int hidden, double rate) {
        NetworkModel plain = new ModelBuilder("Dropping").vector("x", 3)
                .dense("h", hidden, Activation.SIGMOID)
                .dense("out", 2, Activation.SIGMOID)
                .train(new double[][] {{0.5, -1, 0.25}, {1, 1, -0.5}, {-0.75, 0.5, 1}, {0.3, 0.2, 0.1}, {-1, -1, 1}},
                        new double[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {0.5, 0.5}}, Cost.QUADRATIC, 0.5, 1, 10,
                        new Init.Gaussian(0, 1, false, SourcePos.NONE), 11)
                .build();
        return Models.withDropout(plain, 0, rate);
    }

    /**
     * The XOR network of {@code examples/xor.nn}: inputs x1, x2, dense 2 sigmoid, dense 1 sigmoid,
     * quadratic cost, sgd(rate 2.0, batch 4), 5000 epochs, gaussian(0, 1), the given seed.
     */
    public static NetworkModel xor(long seed) {
        return new ModelBuilder("Xor").scalars("x1", "x2")
                .dense("hidden", 2, Activation.SIGMOID)
                .dense("out", 1, Activation.SIGMOID)
                .train(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new double[][] {{0}, {1}, {1}, {0}},
                        Cost.QUADRATIC, 2.0, 4, 5000, new Init.Gaussian(0, 1, false, SourcePos.NONE), seed)
                .build();
    }
}
