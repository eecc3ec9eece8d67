package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random valid {@code .nn} programs as source text: the same seed gives the same text. Where
 * {@code nnlang.testing.RandomNetworks} builds models directly, these go through the lexer, the
 * parser and every check, so they exercise the language as users write it.
 *
 * <p>A program holds one or two networks. Each has scalar, vector or shaped inputs, then neurons
 * and dense layers in any mix: a neuron reads one to three sources (an input, a node, one element
 * {@code h[2]}), some weights preset (scalars or lists for whole layers, among them 0 and -0.0),
 * its bias preset, given as a threshold or left to initialisation; a layer reads the previous node
 * by default or names its sources with {@code from}. The output is the last node, a list of nodes
 * and elements, a softmax layer, or a class output. Every network that trains has a train block
 * with a table of samples, a cost its outputs allow, SGD with a random batch, rate and sometimes
 * L2, sometimes a schedule, an init and a seed. Networks that use the step activation
 * ({@code perceptron} or {@code step}) cannot train: every weight and bias of theirs is preset.
 * Half the networks declare one or two activations by formula, which their nodes may use like the
 * built-ins. A trained network whose input is an image (one or two channels of up to 4 x 4) mostly
 * begins with one to three convolutions and pools (kernels up to 3 x 3, strides 1 or 2 written as
 * {@code stride: 2} or {@code 2 x 1}, {@code padding: same} or {@code valid}, some reading two images
 * with {@code from}), which the neurons and dense layers after them may read whole or by element.
 * Numbers are written in every form the lexer knows ({@code .5}, {@code 3.}, {@code 1e-3}).
 */
public final class RandomPrograms {
    private static final String[] TRAINABLE = {"sigmoid", "tanh", "relu", "linear"};
    private static final String[] STEPS = {"perceptron", "step"};
    /** Formula activations a network may declare: name, then definition. */
    private static final String[][] FORMULAS = {
        {"softsign", "z / (1 + abs(z))"},
        {"swish", "z * sigmoid(z)"},
        {"bent", "(sqrt(z^2 + 1) - 1) / 2 + z"},
        {"gauss", "exp(-z^2)"},
        {"scaled", "1.1 * tanh(2 * z / 3)"},
        {"leaky", "max(0.01 * z, z)"},
    };

    private RandomPrograms() {}

    /** The program of {@code seed}. */
    public static String program(long seed) {
        Random random = new Random(seed * 0x5DEECE66DL + 11);
        StringBuilder out = new StringBuilder("// random program ").append(seed).append('\n');
        int networks = random.nextInt(5) == 0 ? 2 : 1;
        for (int n = 0; n < networks; n++) {
            new NetworkWriter(random, "P" + seed + "n" + n, out).write();
        }
        return out.toString();
    }

    /** A declared node or input: its name and size, and its shape C x H x W when it is an image (else null). */
    private record Decl(String name, int size, boolean scalar, int[] image) {
        Decl(String name, int size, boolean scalar) {
            this(name, size, scalar, null);
        }

        /** A reference to the whole declaration or, sometimes, to one element. */
        String reference(Random random, boolean elementsAllowed) {
            return !scalar && elementsAllowed && random.nextInt(3) == 0 ? name + "[" + random.nextInt(size) + "]" : name;
        }

        int sizeOf(String reference) {
            return reference.equals(name) ? size : 1;
        }
    }

    /** A source as written: the whole declaration or one element of it. */
    private record Ref(Decl decl, String text) {}

    private static final class NetworkWriter {
        private final Random random;
        private final String name;
        private final StringBuilder out;
        private final boolean trains;
        private String[] activations;
        private final List<Decl> inputs = new ArrayList<>();
        private final List<Decl> nodes = new ArrayList<>();
        /** Output activations by output element, for the choice of cost. */
        private final List<String> outputActivations = new ArrayList<>();
        private String lastActivation;
        private boolean softmaxOutput;
        private int outputSize;
        private int classes;
        /** Whether the network reads an image with convolutions and pools (its dense layers stay narrow). */
        private boolean convolutional;

        NetworkWriter(Random random, String name, StringBuilder out) {
            this.random = random;
            this.name = name;
            this.out = out;
            this.trains = random.nextInt(6) != 0;
            this.activations = trains ? TRAINABLE : concat(TRAINABLE, STEPS);
        }

        void write() {
            out.append("network ").append(name).append(" {\n");
            writeInputs();
            writeFormulas();
            if (convolutional) {
                int images = 1 + random.nextInt(3);
                for (int i = 0; i < images; i++) {
                    writeImageLayer("c" + i);
                }
            }
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                if (random.nextBoolean()) {
                    writeNeuron("n" + i);
                } else {
                    writeLayer("l" + i, i == count - 1);
                }
            }
            writeOutput();
            if (trains) {
                writeTrain();
            }
            out.append("}\n\n");
        }

        private void writeInputs() {
            switch (random.nextInt(3)) {
                case 0 -> {
                    int n = 1 + random.nextInt(4);
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        names.add("x" + i);
                        inputs.add(new Decl("x" + i, 1, true));
                    }
                    out.append("    input ").append(String.join(", ", names)).append('\n');
                }
                case 1 -> {
                    int n = random.nextInt(5) == 0 ? 15 + random.nextInt(6) : 1 + random.nextInt(6);
                    inputs.add(new Decl("input", n, false));
                    out.append("    input ").append(n).append('\n');
                }
                default -> {
                    convolutional = trains && random.nextInt(4) != 0;
                    int channels = convolutional && random.nextInt(3) == 0 ? 2 : 1;
                    int rows = convolutional ? 2 + random.nextInt(3) : 1 + random.nextInt(3);
                    int cols = convolutional ? 2 + random.nextInt(3) : 1 + random.nextInt(4);
                    inputs.add(new Decl("image", channels * rows * cols, false, new int[] {channels, rows, cols}));
                    out.append("    input image[").append(channels == 1 && random.nextBoolean() ? "" : channels + " x ")
                            .append(rows).append(" x ").append(cols).append("]\n");
                }
            }
        }

        /** In half the networks, one or two formula activations, added to the choice of activations. */
        private void writeFormulas() {
            if (random.nextBoolean()) {
                return;
            }
            int first = random.nextInt(FORMULAS.length);
            int count = 1 + random.nextInt(2);
            for (int k = 0; k < count; k++) {
                String[] f = FORMULAS[(first + k) % FORMULAS.length];
                out.append("    activation ").append(f[0]).append("(z) = ").append(f[1]).append('\n');
                activations = concat(activations, new String[] {f[0]});
            }
        }

        private int inputSize() {
            return inputs.stream().mapToInt(Decl::size).sum();
        }

        private String activation() {
            return activations[random.nextInt(activations.length)];
        }

        /** Declarations a new node may read: the inputs and every node so far. */
        private List<Decl> readable() {
            List<Decl> all = new ArrayList<>(inputs);
            all.addAll(nodes);
            return all;
        }

        /**
         * A conv, maxpool or avgpool reading the last image (or, with {@code from}, it and another image
         * of the same rows and columns, whose channels it stacks), with a kernel or window and strides
         * that fit: positions that tile the image, or {@code padding: same}.
         */
        private void writeImageLayer(String node) {
            List<Decl> images = readable().stream().filter(d -> d.image() != null).toList();
            Decl last = images.get(images.size() - 1);
            List<Decl> read = new ArrayList<>(List.of(last));
            for (Decl other : images) {
                if (other != last && random.nextInt(3) == 0 && other.image()[1] == last.image()[1]
                        && other.image()[2] == last.image()[2]) {
                    read.add(random.nextBoolean() ? 0 : 1, other);
                    break;
                }
            }
            int channels = read.stream().mapToInt(d -> d.image()[0]).sum();
            int rows = last.image()[1];
            int cols = last.image()[2];
            boolean conv = random.nextInt(3) != 0;
            boolean same = conv && random.nextBoolean();
            int kh = 1 + random.nextInt(Math.min(3, rows));
            int kw = 1 + random.nextInt(Math.min(3, cols));
            int sy = fittingStride(rows, kh, same);
            int sx = fittingStride(cols, kw, same);
            int outRows = same ? (rows + sy - 1) / sy : (rows - kh) / sy + 1;
            int outCols = same ? (cols + sx - 1) / sx : (cols - kw) / sx + 1;
            List<String> args = new ArrayList<>();
            int filters = 1 + random.nextInt(3);
            String activation = activation();
            if (conv) {
                args.add(String.valueOf(filters));
            }
            args.add(kh + " x " + kw);
            if (conv) {
                args.add(activation);
            }
            boolean defaultStride = conv ? sy == 1 && sx == 1 : sy == kh && sx == kw;
            if (!defaultStride || random.nextInt(4) == 0) {
                args.add("stride: " + (sy == sx && random.nextBoolean() ? String.valueOf(sy) : sy + " x " + sx));
            }
            if (same || conv && random.nextInt(4) == 0) {
                args.add("padding: " + (same ? "same" : "valid"));
            }
            String kind = conv ? "conv" : random.nextBoolean() ? "maxpool" : "avgpool";
            out.append("    layer ").append(node).append(" = ").append(kind).append('(').append(String.join(", ", args))
                    .append(')');
            boolean previousIsLast = !nodes.isEmpty() && nodes.get(nodes.size() - 1) == last;
            boolean firstReadsInput = nodes.isEmpty() && inputs.size() == 1;
            if (read.size() > 1 || !(previousIsLast || firstReadsInput) || random.nextInt(3) == 0) {
                out.append(" from ").append(String.join(", ", read.stream().map(Decl::name).toList()));
            }
            out.append('\n');
            int outChannels = conv ? filters : channels;
            nodes.add(new Decl(node, outChannels * outRows * outCols, false, new int[] {outChannels, outRows, outCols}));
            lastActivation = conv ? activation : "linear";
        }

        /** 1 or 2, where the stride must let windows of {@code kernel} tile {@code size} (any stride with padding). */
        private int fittingStride(int size, int kernel, boolean padded) {
            int stride = 1 + random.nextInt(2);
            return padded || (size - kernel) % stride == 0 ? stride : 1;
        }

        private void writeNeuron(String node) {
            String activation = activation();
            List<Decl> readable = readable();
            List<String> args = new ArrayList<>();
            for (Ref ref : distinctReferences(readable)) {
                int size = ref.decl().sizeOf(ref.text());
                if (!trains || random.nextInt(3) == 0) {
                    args.add(ref.text() + ": " + (size == 1 ? number() : list(size)));
                } else {
                    args.add(ref.text());
                }
            }
            if (!trains || random.nextBoolean()) {
                args.add(random.nextInt(4) == 0 ? "threshold: " + number() : "bias: " + number());
            }
            out.append("    neuron ").append(node).append(" = ").append(activation).append('(')
                    .append(String.join(", ", args)).append(")\n");
            nodes.add(new Decl(node, 1, true));
            lastActivation = activation;
        }

        /** One to three references to distinct declarations among {@code from}: a source is named once. */
        private List<Ref> distinctReferences(List<Decl> from) {
            List<Ref> refs = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Decl d = from.get(random.nextInt(from.size()));
                if (refs.stream().noneMatch(r -> r.decl() == d)) {
                    refs.add(new Ref(d, d.reference(random, true)));
                }
            }
            return refs;
        }

        private void writeLayer(String node, boolean last) {
            boolean softmax = last && trains && random.nextInt(3) == 0;
            String activation = softmax ? "softmax" : activation();
            int size = random.nextInt(8) == 0 && !convolutional ? 15 + random.nextInt(6) : 1 + random.nextInt(6);
            if (softmax && size == 1) {
                size = 2;
            }
            if (!trains) {
                // Nothing could set a layer's parameters without training; a preset network has only neurons.
                writeNeuron(node);
                return;
            }
            out.append("    layer ").append(node).append(" = dense(").append(size).append(", ").append(activation).append(')');
            boolean previousIsLayer = !nodes.isEmpty() && !nodes.get(nodes.size() - 1).scalar();
            if (!(nodes.isEmpty() || previousIsLayer) || random.nextInt(3) == 0) {
                List<Decl> readable = readable();
                List<String> refs = distinctReferences(readable).stream().map(Ref::text).toList();
                out.append(" from ").append(String.join(", ", refs));
            }
            out.append('\n');
            nodes.add(new Decl(node, size, false));
            lastActivation = activation;
            softmaxOutput = softmax;
        }

        private void writeOutput() {
            Decl last = nodes.get(nodes.size() - 1);
            if (softmaxOutput) {
                outputSize = last.size();
                outputActivations.add("softmax");
                if (random.nextBoolean()) {
                    classes = outputSize;
                    out.append("    output ").append(last.name()).append(" as class(0..").append(classes - 1).append(")\n");
                } else if (random.nextBoolean()) {
                    out.append("    output ").append(last.name()).append('\n');
                }
                return;
            }
            if (random.nextBoolean()) {
                outputSize = last.size();
                for (int i = 0; i < outputSize; i++) {
                    outputActivations.add(lastActivation);
                }
                if (random.nextBoolean()) {
                    out.append("    output ").append(last.name()).append('\n');
                }
                return;
            }
            List<String> refs = new ArrayList<>();
            for (Ref ref : distinctReferences(nodes)) {
                refs.add(ref.text());
                outputSize += ref.decl().sizeOf(ref.text());
            }
            // Elements of several nodes: the cost must allow the least forgiving of them.
            outputActivations.add("mixed");
            out.append("    output ").append(String.join(", ", refs)).append('\n');
        }

        private void writeTrain() {
            boolean sigmoidOutputs = outputActivations.stream().allMatch(a -> a.equals("sigmoid") || a.equals("softmax"))
                    && !outputActivations.contains("mixed");
            out.append("    train {\n");
            int samples = 1 + random.nextInt(8);
            out.append("        data table {\n");
            for (int s = 0; s < samples; s++) {
                out.append("            ").append(list(inputSize())).append(" -> ");
                if (classes > 0 && random.nextBoolean()) {
                    out.append(random.nextInt(classes));
                } else if (softmaxOutput) {
                    int hot = random.nextInt(outputSize);
                    List<String> oneHot = new ArrayList<>();
                    for (int i = 0; i < outputSize; i++) {
                        oneHot.add(i == hot ? "1" : "0");
                    }
                    out.append('[').append(String.join(", ", oneHot)).append(']');
                } else {
                    List<String> target = new ArrayList<>();
                    for (int i = 0; i < outputSize; i++) {
                        target.add(format(random.nextInt(11) / 10.0));
                    }
                    out.append('[').append(String.join(", ", target)).append(']');
                }
                out.append(random.nextBoolean() ? ";\n" : "\n");
            }
            out.append("        }\n");
            out.append("        cost      ").append(sigmoidOutputs && random.nextBoolean() ? "cross_entropy" : "quadratic")
                    .append('\n');
            boolean momentum = random.nextInt(3) == 0;
            out.append("        optimizer ").append(momentum ? "momentum" : "sgd").append("(rate: ")
                    .append(format(0.05 + random.nextInt(100) / 100.0))
                    .append(", batch: ").append(1 + random.nextInt(samples))
                    .append(momentum ? ", mu: " + format(random.nextInt(95) / 100.0) : "")
                    .append(random.nextInt(3) == 0 ? ", l2: " + format(random.nextInt(10) / 10.0) : "").append(")\n");
            if (random.nextInt(4) == 0) {
                out.append("        schedule  step(every: ").append(1 + random.nextInt(3)).append(", factor: ")
                        .append(format((1 + random.nextInt(10)) / 10.0)).append(")\n");
            }
            out.append("        epochs    ").append(random.nextInt(4)).append('\n');
            if (random.nextInt(4) != 0) {
                out.append("        init      gaussian(").append(format(random.nextInt(3) / 10.0)).append(", ")
                        .append(format((1 + random.nextInt(10)) / 10.0)).append(')')
                        .append(random.nextBoolean() ? " scaled" : "").append('\n');
            }
            out.append("        seed      ").append(random.nextInt(2001) - 1000).append('\n');
            if (random.nextInt(4) == 0) {
                out.append("        report    every ").append(1 + random.nextInt(3)).append('\n');
            }
            if (random.nextInt(4) == 0) {
                out.append("        expect    accuracy >= ").append(format(random.nextInt(11) / 10.0)).append('\n');
            }
            out.append("    }\n");
        }

        /** A weight or bias in [-2, 2], sometimes 0 or -0.0. */
        private String number() {
            return switch (random.nextInt(12)) {
                case 0 -> "0";
                case 1 -> "-0.0";
                default -> format((random.nextInt(4001) - 2000) / 1000.0);
            };
        }

        private String list(int size) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                values.add(number());
            }
            return "[" + String.join(", ", values) + "]";
        }

        /** x written in one of the lexer's forms: 0.5, .5, 5e-1, 3. (for whole numbers). */
        private String format(double x) {
            String plain = Double.toString(x);
            if (x == Math.rint(x) && random.nextInt(3) == 0) {
                return (long) x + ".";
            }
            if (x > 0 && x < 1 && random.nextInt(3) == 0) {
                return random.nextBoolean() ? plain.substring(1) : String.format(Locale.ROOT, "%se-1", format10(x));
            }
            return plain;
        }

        private static String format10(double x) {
            return Double.toString(x * 10).replaceAll("\\.0$", "");
        }

        private static String[] concat(String[] a, String[] b) {
            String[] all = new String[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
