package nnlang.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import nnlang.model.Conv;
import nnlang.model.Dense;
import nnlang.model.Layer;
import nnlang.model.Pool;
import nnlang.model.Shape;
import nnlang.model.Optimizer;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.FormulaActivation;
import nnlang.model.Init;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/**
 * Random valid {@link NetworkModel}s, built directly from the records, each with a train block
 * whose table holds random samples for it. The same seed gives the same network and samples.
 *
 * <p>Two kinds: {@link #layered} stacks of dense layers of depth 1 to 4 and width 1 to 8 (some 15
 * to 20 wide, so that EJML's larger-matrix kernels are exercised), and {@link #dag} neuron-level
 * graphs whose nodes read one to three sources each: whole declarations, single named elements and
 * element slices of the input and of earlier nodes, with some weights preset (among them 0.0 and
 * -0.0), outputs that are concatenations of slices, some of them also read by later nodes.
 * Activations come from the given set; softmax only ever appears as a whole output layer that no
 * node reads. Cross-entropy is chosen only where every output is a sigmoid node, or the output is
 * one whole softmax layer (then targets are one-hot); other targets lie in [0, 1]. Batch sizes are
 * drawn from 1 to the number of samples, so some divide the data set and some do not; inputs lie
 * in [-1, 1], about one in ten exactly 0.0.
 */
public final class RandomNetworks {

    /**
     * Every built-in activation, step included (its derivative is 0 everywhere), and every formula
     * of {@link Formulas}, in a fixed order.
     */
    public static final Set<Activation> ALL = ordered(EnumSet.allOf(BuiltinActivation.class), Formulas.ALL);

    /** Every activation gradient training can pass through, with the smooth formulas. */
    public static final Set<Activation> DIFFERENTIABLE =
            ordered(EnumSet.complementOf(EnumSet.of(BuiltinActivation.STEP)), Formulas.SMOOTH);

    private static Set<Activation> ordered(Set<BuiltinActivation> builtins, List<FormulaActivation> formulas) {
        Set<Activation> set = new LinkedHashSet<>(builtins);
        set.addAll(formulas);
        return Collections.unmodifiableSet(set);
    }

    private RandomNetworks() {}

    /** A layered network for an even seed, a DAG for an odd one. */
    public static NetworkModel network(long seed, Set<Activation> activations) {
        return seed % 2 == 0 ? layered(seed, activations) : dag(seed, activations);
    }

    /** A stack of dense layers, each reading the whole previous one, the last one the output. */
    public static NetworkModel layered(long seed, Set<Activation> activations) {
        Builder b = new Builder("Layered" + Math.abs(seed), random(seed), activations);
        int inputSize = b.random.nextInt(4) == 0 ? 15 + b.random.nextInt(6) : 1 + b.random.nextInt(5);
        Source previous = b.random.nextBoolean() && inputSize <= 5 ? b.scalarInputs(inputSize) : b.vectorInput(inputSize);
        int depth = 1 + b.random.nextInt(4);
        for (int l = 0; l < depth; l++) {
            boolean last = l == depth - 1;
            Activation f = last ? b.outputActivation(true) : b.hiddenActivation();
            previous = b.whole(b.node("layer" + l, Node.Kind.LAYER, b.width(), f, List.of(previous), false));
        }
        return b.build(List.of(previous));
    }

    /** A neuron-level graph with named and sliced sources, presets, and outputs read by later nodes. */
    public static NetworkModel dag(long seed, Set<Activation> activations) {
        Builder b = new Builder("Dag" + Math.abs(seed), random(seed), activations);
        int declarations = 1 + b.random.nextInt(3);
        for (int d = 0; d < declarations; d++) {
            if (b.random.nextBoolean()) {
                b.scalarInputs(1);
            } else {
                b.vectorInput(2 + b.random.nextInt(3));
            }
        }
        int count = 2 + b.random.nextInt(5);
        for (int n = 0; n < count; n++) {
            boolean neuron = b.random.nextBoolean();
            int size = neuron ? 1 : 1 + b.random.nextInt(4);
            List<Source> sources = new ArrayList<>();
            int sourceCount = 1 + b.random.nextInt(3);
            for (int s = 0; s < sourceCount; s++) {
                sources.add(b.randomSlice(b.random.nextInt(b.nodes.size() + 1) - 1));
            }
            Activation f = n == count - 1 ? b.outputActivation(false) : b.hiddenActivation();
            b.node((neuron ? "neuron" : "layer") + n, neuron ? Node.Kind.NEURON : Node.Kind.LAYER, size, f, sources,
                    b.random.nextInt(3) == 0);
        }
        int last = count - 1;
        if (b.activations.contains(Activation.SOFTMAX) && b.random.nextInt(3) == 0) {
            List<Source> sources = List.of(b.randomSlice(last), b.randomSlice(b.random.nextInt(count)));
            Node softmax = b.node("softmax", Node.Kind.LAYER, 2 + b.random.nextInt(3), Activation.SOFTMAX, sources, false);
            return b.build(List.of(b.whole(softmax)));
        }
        List<Source> outputs = new ArrayList<>();
        outputs.add(b.random.nextBoolean() ? b.whole(b.nodes.get(last)) : b.randomSlice(last));
        if (b.random.nextBoolean()) {
            outputs.add(b.randomSlice(b.random.nextInt(count)));
        }
        Collections.shuffle(outputs, b.random);
        return b.build(outputs);
    }

    /**
     * A convolutional network: an image input of 1 to 2 channels and 3 to 8 rows and columns (declared
     * {@code [H x W]} or {@code [C x H x W]}, a third of its values exactly 0.0), then one to three
     * convolutions and pools (kernels 1 to 3 on a side, strides 1 or 2, {@code valid} or {@code same}
     * padding, max and average), some reading two sources whose channels they stack, then either a dense
     * layer reading the last one flattened (with, sometimes, a neuron reading single elements of a
     * convolution beside it) or the last one itself, whole or in part, as the output.
     */
    public static NetworkModel convolutional(long seed, Set<Activation> activations) {
        Builder b = new Builder("Conv" + Math.abs(seed), random(seed), activations);
        int channels = 1 + b.random.nextInt(2);
        int height = 3 + b.random.nextInt(6);
        int width = 3 + b.random.nextInt(6);
        Source image = b.imageInput(channels, height, width, channels == 1 && b.random.nextBoolean());
        List<Source> shaped = new ArrayList<>(List.of(image));
        List<Shape> shapes = new ArrayList<>(List.of(Shape.of(channels, height, width)));
        int layers = 1 + b.random.nextInt(3);
        for (int l = 0; l < layers; l++) {
            int last = shaped.size() - 1;
            List<Source> sources = new ArrayList<>(List.of(shaped.get(last)));
            Shape in = shapes.get(last);
            for (int k = 0; k < last; k++) {
                Shape other = shapes.get(k);
                if (b.random.nextInt(3) == 0 && other.dim(1) == in.dim(1) && other.dim(2) == in.dim(2)) {
                    sources.add(b.random.nextBoolean() ? 0 : sources.size(), shaped.get(k));
                    in = Shape.of(in.dim(0) + other.dim(0), in.dim(1), in.dim(2));
                    break;
                }
            }
            Layer layer = b.random.nextInt(3) == 0 ? b.pool(in) : b.conv(in, b.hiddenActivation());
            Node node = b.layer("shaped" + l, layer, sources);
            shaped.add(b.whole(node));
            shapes.add(layer.outputShape());
        }
        Node last = b.nodes.get(b.nodes.size() - 1);
        if (b.random.nextInt(3) == 0) {
            Source out = b.random.nextBoolean() ? b.whole(last) : b.randomSlice(last.index());
            return b.build(List.of(out));
        }
        List<Source> outputs = new ArrayList<>();
        Node dense = b.node("dense", Node.Kind.LAYER, 1 + b.random.nextInt(4), b.outputActivation(true),
                List.of(b.whole(last)), false);
        outputs.add(b.whole(dense));
        if (dense.activation() != Activation.SOFTMAX && b.random.nextBoolean()) {
            Node conv = b.nodes.get(b.random.nextInt(b.nodes.size() - 1));
            Node neuron = b.node("neuron", Node.Kind.NEURON, 1, b.outputActivation(false),
                    List.of(b.randomSlice(conv.index()), new Source(conv.index(), 0, 1)).stream().distinct().toList(),
                    false);
            outputs.add(b.whole(neuron));
        }
        return b.build(outputs);
    }

    /**
     * A generator for {@code seed}, spread by the golden-ratio multiplier first: the first draws of
     * {@code new Random(seed)} for consecutive seeds are strongly correlated.
     */
    private static Random random(long seed) {
        return new Random(seed * 0x9E3779B97F4A7C15L);
    }

    /** The random samples of a network made here: the table of its train block. */
    public static ArraySamples samples(NetworkModel model) {
        return ArraySamples.of(model);
    }

    /** The mutable state of one network under construction. */
    private static final class Builder {
        private final String name;
        private final Random random;
        private final Set<Activation> activations;
        private final List<Activation> hidden;
        private final List<Input> inputs = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private int inputSize;
        /** One input value in this many is exactly 0.0. */
        private int zeros = 10;

        Builder(String name, Random random, Set<Activation> activations) {
            this.name = name;
            this.random = random;
            this.activations = activations;
            this.hidden = activations.stream().filter(Activation::isElementwise).toList();
            if (hidden.isEmpty()) {
                throw new IllegalArgumentException("no element-wise activation in " + activations);
            }
        }

        Source scalarInputs(int count) {
            int offset = inputSize;
            for (int i = 0; i < count; i++) {
                inputs.add(new Input("x" + inputs.size(), inputSize++, List.of(), SourcePos.NONE));
            }
            return new Source(Source.INPUT, offset, count);
        }

        Source vectorInput(int size) {
            int offset = inputSize;
            inputs.add(new Input("x" + inputs.size(), offset, List.of(size), SourcePos.NONE));
            inputSize += size;
            return new Source(Source.INPUT, offset, size);
        }

        /** One image input of {@code channels} × {@code height} × {@code width}, declared without channels when asked. */
        Source imageInput(int channels, int height, int width, boolean flatChannels) {
            List<Integer> shape = flatChannels ? List.of(height, width) : List.of(channels, height, width);
            inputs.add(new Input("image", inputSize, shape, SourcePos.NONE));
            inputSize += channels * height * width;
            zeros = 3;
            return new Source(Source.INPUT, 0, channels * height * width);
        }

        /** A convolution over {@code in} with a kernel that fits it, whose positions tile it. */
        Layer conv(Shape in, Activation f) {
            Conv.Padding padding = random.nextBoolean() ? Conv.Padding.SAME : Conv.Padding.VALID;
            int[] ky = kernel(in.dim(1), padding == Conv.Padding.SAME);
            int[] kx = kernel(in.dim(2), padding == Conv.Padding.SAME);
            return new Conv(1 + random.nextInt(4), in, ky[0], kx[0], ky[1], kx[1], padding, f);
        }

        /** A max or average pool over {@code in} whose windows tile it. */
        Layer pool(Shape in) {
            int[] ky = kernel(in.dim(1), false);
            int[] kx = kernel(in.dim(2), false);
            return new Pool(random.nextBoolean() ? Pool.Kind.MAX : Pool.Kind.AVERAGE, in, ky[0], kx[0], ky[1], kx[1]);
        }

        /** A kernel size of 1 to 3 and a stride of 1 or 2 that fit {@code size} (any stride with padding). */
        private int[] kernel(int size, boolean padded) {
            while (true) {
                int k = 1 + random.nextInt(Math.min(3, size));
                int stride = 1 + random.nextInt(2);
                if (padded || (size - k) % stride == 0) {
                    return new int[] {k, stride};
                }
            }
        }

        /** A node of the given layer kind. */
        Node layer(String nodeName, Layer layer, List<Source> sources) {
            Node node = new Node(nodes.size(), nodeName, Node.Kind.LAYER, layer, sources, SourcePos.NONE);
            nodes.add(node);
            return node;
        }

        int width() {
            return random.nextInt(5) == 0 ? 15 + random.nextInt(6) : 1 + random.nextInt(8);
        }

        Activation hiddenActivation() {
            return hidden.get(random.nextInt(hidden.size()));
        }

        /** Biased towards sigmoid (and, when allowed, softmax) so that cross-entropy gets its share. */
        Activation outputActivation(boolean softmaxAllowed) {
            if (softmaxAllowed && activations.contains(Activation.SOFTMAX) && random.nextInt(4) == 0) {
                return Activation.SOFTMAX;
            }
            if (activations.contains(Activation.SIGMOID) && random.nextInt(3) == 0) {
                return Activation.SIGMOID;
            }
            return hiddenActivation();
        }

        Source whole(Node node) {
            return new Source(node.index(), 0, node.size());
        }

        /** A whole vector, one element, or a slice of the input ({@code node} -1) or of a node. */
        Source randomSlice(int node) {
            int size = node == Source.INPUT ? inputSize : nodes.get(node).size();
            int choice = random.nextInt(3);
            int length = choice == 0 ? size : choice == 1 ? 1 : 1 + random.nextInt(size);
            return new Source(node, random.nextInt(size - length + 1), length);
        }

        Node node(String nodeName, Node.Kind kind, int size, Activation f, List<Source> sources, boolean presets) {
            int fanIn = sources.stream().mapToInt(Source::length).sum();
            List<OptionalDouble> weights = presets(size * fanIn, presets);
            Node node = new Node(nodes.size(), nodeName, kind,
                    new Dense(size, fanIn, f, weights, presets(size, presets)), sources, SourcePos.NONE);
            nodes.add(node);
            return node;
        }

        private List<OptionalDouble> presets(int count, boolean some) {
            List<OptionalDouble> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (some && random.nextBoolean()) {
                    int kind = random.nextInt(4);
                    values.add(OptionalDouble.of(kind == 0 ? 0.0 : kind == 1 ? -0.0 : 2 * random.nextDouble() - 1));
                } else {
                    values.add(OptionalDouble.empty());
                }
            }
            return values;
        }

        NetworkModel build(List<Source> outputs) {
            boolean softmax = outputs.size() == 1 && nodes.get(outputs.get(0).node()).activation() == Activation.SOFTMAX;
            boolean sigmoid = outputs.stream().allMatch(s -> nodes.get(s.node()).activation() == Activation.SIGMOID);
            Cost cost = (softmax || sigmoid) && random.nextBoolean() ? Cost.CROSS_ENTROPY : Cost.QUADRATIC;
            int outputSize = outputs.stream().mapToInt(Source::length).sum();
            int count = 3 + random.nextInt(10);
            List<List<Double>> xs = new ArrayList<>();
            List<List<Double>> ys = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                List<Double> x = new ArrayList<>();
                for (int i = 0; i < inputSize; i++) {
                    x.add(random.nextInt(zeros) == 0 ? 0.0 : 2 * random.nextDouble() - 1);
                }
                List<Double> y = new ArrayList<>();
                int hot = random.nextInt(outputSize);
                for (int k = 0; k < outputSize; k++) {
                    y.add(softmax ? (k == hot ? 1.0 : 0.0) : random.nextDouble());
                }
                xs.add(x);
                ys.add(y);
            }
            double l2 = random.nextBoolean() ? 0.0 : random.nextDouble();
            Optimizer.Sgd sgd = new Optimizer.Sgd(0.05 + random.nextDouble(), 1 + random.nextInt(count), l2, SourcePos.NONE);
            Init init = new Init.Gaussian(random.nextBoolean() ? 0.0 : 0.1, 0.5 + random.nextDouble(), random.nextBoolean(),
                    SourcePos.NONE);
            TrainSpec train = new TrainSpec(new DataSpec.Table(xs, ys, SourcePos.NONE), cost, sgd, Optional.empty(), 3, init,
                    random.nextLong(), 0, Optional.empty(), SourcePos.NONE);
            return new NetworkModel(name, name + ".nn", inputs, nodes,
                    new Output(outputs, Optional.empty(), SourcePos.NONE), Optional.of(train), SourcePos.NONE);
        }
    }
}
