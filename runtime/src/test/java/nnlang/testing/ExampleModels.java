package nnlang.testing;

import java.util.List;
import java.util.Random;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.SourcePos;

/**
 * The models of {@code examples/*.nn}, built from the records as the front end would build them,
 * and MNIST-shaped networks (784-30-10) on synthetic samples.
 */
public final class ExampleModels {
    private ExampleModels() {}

    /** Every example network, plus the MNIST-shaped one. */
    public static List<NetworkModel> all() {
        return List.of(nand(), halfAdder(), cheese("Cheese", 5), cheese("EagerCheese", 3), ModelBuilder.xor(7),
                mnistShaped(Cost.QUADRATIC, Activation.SIGMOID, 23));
    }

    /** {@code examples/nand.nn}: out = perceptron(x1: -2, x2: -2, bias: 3). */
    public static NetworkModel nand() {
        return new ModelBuilder("Nand").scalars("x1", "x2")
                .node("out", Node.Kind.NEURON, 1, Activation.STEP, List.of(input(0), input(1)),
                        new double[] {-2, -2}, new double[] {3})
                .build();
    }

    /** {@code examples/half-adder.nn}: four NAND perceptrons and a carry of weight -4 on a. */
    public static NetworkModel halfAdder() {
        return new ModelBuilder("HalfAdder").scalars("x1", "x2")
                .node("a", Node.Kind.NEURON, 1, Activation.STEP, List.of(input(0), input(1)),
                        new double[] {-2, -2}, new double[] {3})
                .node("b", Node.Kind.NEURON, 1, Activation.STEP, List.of(input(0), node(0)),
                        new double[] {-2, -2}, new double[] {3})
                .node("c", Node.Kind.NEURON, 1, Activation.STEP, List.of(node(0), input(1)),
                        new double[] {-2, -2}, new double[] {3})
                .node("sum", Node.Kind.NEURON, 1, Activation.STEP, List.of(node(1), node(2)),
                        new double[] {-2, -2}, new double[] {3})
                .node("carry", Node.Kind.NEURON, 1, Activation.STEP, List.of(node(0)),
                        new double[] {-4}, new double[] {3})
                .output(node(3), node(4))
                .build();
    }

    /** {@code examples/cheese.nn}: go = perceptron(weather: 6, partner: 2, transit: 2, threshold). */
    public static NetworkModel cheese(String name, double threshold) {
        return new ModelBuilder(name).scalars("weather", "partner", "transit")
                .node("go", Node.Kind.NEURON, 1, Activation.STEP, List.of(input(0), input(1), input(2)),
                        new double[] {6, 2, 2}, new double[] {-threshold})
                .build();
    }

    /**
     * 784-30-10 with the given output activation and cost, trained on {@code samples} synthetic
     * images: pixels in [0, 1] (a third of them 0.0), one-hot targets.
     */
    public static NetworkModel mnistShaped(Cost cost, Activation output, int samples) {
        Random random = new Random(784);
        double[][] xs = new double[samples][784];
        double[][] ys = new double[samples][10];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < 784; i++) {
                xs[s][i] = random.nextInt(3) == 0 ? 0.0 : random.nextDouble();
            }
            ys[s][random.nextInt(10)] = 1.0;
        }
        return new ModelBuilder("Mnist").vector("image", 784)
                .dense("hidden", 30, Activation.SIGMOID)
                .dense("digit", 10, output)
                .train(xs, ys, cost, 3.0, 10, 1, new Init.Gaussian(0, 1, false, SourcePos.NONE), 1)
                .build();
    }

    /**
     * The network of {@code examples/mnist/mnist-conv.nn}: 1 x 28 x 28, conv(20, 5 x 5, relu),
     * maxpool(2 x 2), conv(40, 5 x 5, relu), maxpool(2 x 2), dense(100, relu), dense(10, softmax),
     * cross-entropy, momentum 0.9 at rate 0.01 in batches of 10, trained on {@code samples} synthetic
     * images: pixels in [0, 1], four in five of them 0.0, one-hot targets.
     */
    public static NetworkModel mnistConv(int samples) {
        Random random = new Random(2828);
        double[][] xs = new double[samples][784];
        double[][] ys = new double[samples][10];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < 784; i++) {
                xs[s][i] = random.nextInt(5) == 0 ? random.nextDouble() : 0.0;
            }
            ys[s][random.nextInt(10)] = 1.0;
        }
        nnlang.model.Shape image = nnlang.model.Shape.of(1, 28, 28);
        nnlang.model.Conv c1 = new nnlang.model.Conv(20, image, 5, 5, 1, 1, nnlang.model.Conv.Padding.VALID,
                Activation.RELU);
        nnlang.model.Pool p1 = new nnlang.model.Pool(nnlang.model.Pool.Kind.MAX, c1.outputShape(), 2, 2, 2, 2);
        nnlang.model.Conv c2 = new nnlang.model.Conv(40, p1.outputShape(), 5, 5, 1, 1, nnlang.model.Conv.Padding.VALID,
                Activation.RELU);
        nnlang.model.Pool p2 = new nnlang.model.Pool(nnlang.model.Pool.Kind.MAX, c2.outputShape(), 2, 2, 2, 2);
        NetworkModel model = new ModelBuilder("MnistConv").image("image", 1, 28, 28)
                .layer("c1", c1).layer("p1", p1).layer("c2", c2).layer("p2", p2)
                .dense("h", 100, Activation.RELU)
                .dense("digit", 10, Activation.SOFTMAX)
                .train(xs, ys, Cost.CROSS_ENTROPY, 0.01, 10, 1, new Init.Gaussian(0, 1, true, SourcePos.NONE), 1)
                .build();
        return Models.withOptimizer(model, Models.momentum(0.01, 10, 0.9, 0.0));
    }

    private static Source input(int element) {
        return new Source(Source.INPUT, element, 1);
    }

    private static Source node(int index) {
        return new Source(index, 0, 1);
    }
}
