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
 * with a table of samples (sometimes split, sometimes with validation and test tables, stopping
 * early or keeping the best epoch), a cost its outputs allow, one of the six optimizers with a
 * random batch, rate and its other hyper-parameters, sometimes a schedule (a decay, a warmup or
 * both), an init of any kind and a seed; its layers that hold no output sometimes have an init of
 * their own and a dropout rate. Networks that use the step activation
 * ({@code perceptron} or {@code step}) cannot train: every weight and bias of theirs is preset.
 * Half the networks declare one or two activations by formula, which their nodes may use like the
 * built-ins.
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

    /** A declared node or input: its name and size. */
    private record Decl(String name, int size, boolean scalar) {
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
        /** Where each layer's line ends in {@code out}, to add its options once the outputs are known. */
        private final List<Integer> layerEnds = new ArrayList<>();
        private final List<String> layerNames = new ArrayList<>();
        private final java.util.Set<String> outputNodes = new java.util.HashSet<>();

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
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                if (random.nextBoolean()) {
                    writeNeuron("n" + i);
                } else {
                    writeLayer("l" + i, i == count - 1);
                }
            }
            int outputAt = out.length();
            writeOutput();
            String output = out.substring(outputAt);
            out.setLength(outputAt);
            writeLayerOptions();
            out.append(output);
            if (trains) {
                writeTrain();
            }
            out.append("}\n\n");
        }

        /** Each layer that holds no output: sometimes an init of its own, sometimes dropout, in either order. */
        private void writeLayerOptions() {
            for (int k = layerEnds.size() - 1; k >= 0; k--) {
                if (!trains || outputNodes.contains(layerNames.get(k))) {
                    continue;
                }
                List<String> options = new ArrayList<>();
                if (random.nextInt(3) == 0) {
                    options.add("init " + init());
                }
                if (random.nextInt(3) == 0) {
                    options.add("dropout " + format((1 + random.nextInt(8)) / 10.0));
                }
                java.util.Collections.shuffle(options, random);
                for (String option : options) {
                    out.insert(layerEnds.get(k), " " + option);
                }
            }
        }

        /** An initialisation of any kind. */
        private String init() {
            return switch (random.nextInt(6)) {
                case 0 -> "xavier normal";
                case 1 -> "xavier uniform";
                case 2 -> "he normal";
                case 3 -> "he uniform";
                case 4 -> "uniform(" + format(-(1 + random.nextInt(10)) / 10.0) + ", " + format(random.nextInt(10) / 10.0)
                        + ")";
                default -> "gaussian(" + format(random.nextInt(3) / 10.0) + ", " + format((1 + random.nextInt(10)) / 10.0)
                        + ")" + (random.nextBoolean() ? " scaled" : "");
            };
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
                    int rows = 1 + random.nextInt(3);
                    int cols = 1 + random.nextInt(4);
                    inputs.add(new Decl("image", rows * cols, false));
                    out.append("    input image[").append(rows).append(" x ").append(cols).append("]\n");
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
            int size = random.nextInt(8) == 0 ? 15 + random.nextInt(6) : 1 + random.nextInt(6);
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
            layerEnds.add(out.length());
            layerNames.add(node);
            out.append('\n');
            nodes.add(new Decl(node, size, false));
            lastActivation = activation;
            softmaxOutput = softmax;
        }

        private void writeOutput() {
            Decl last = nodes.get(nodes.size() - 1);
            outputNodes.add(last.name());
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
                outputNodes.add(ref.decl().name());
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
            writeRows(samples);
            boolean validation = false;
            boolean heldTest = false;
            if (samples >= 4 && random.nextInt(4) == 0) {
                validation = random.nextBoolean();
                heldTest = !validation;
                out.append("        } split(").append(validation ? "validation: 0.25" : "test: 0.25").append(")\n");
            } else {
                out.append("        }\n");
            }
            if (!validation && random.nextInt(5) == 0) {
                validation = true;
                out.append("        validation table {\n");
                writeRows(1 + random.nextInt(3));
                out.append("        }\n");
            }
            if (!heldTest && random.nextInt(6) == 0) {
                out.append("        test table {\n");
                writeRows(1 + random.nextInt(3));
                out.append("        }\n");
            }
            out.append("        cost      ").append(sigmoidOutputs && random.nextBoolean() ? "cross_entropy" : "quadratic")
                    .append('\n');
            out.append("        optimizer ").append(optimizer(samples)).append('\n');
            int schedule = random.nextInt(8);
            if (schedule < 4) {
                List<String> parts = new ArrayList<>();
                if (schedule == 0 || schedule == 3) {
                    parts.add("warmup(epochs: " + (1 + random.nextInt(3)) + ")");
                }
                if (schedule == 1) {
                    parts.add("step(every: " + (1 + random.nextInt(3)) + ", factor: " + format((1 + random.nextInt(10)) / 10.0)
                            + ")");
                } else if (schedule == 2) {
                    parts.add("exponential(factor: " + format((1 + random.nextInt(10)) / 10.0) + ")");
                } else if (schedule == 3) {
                    parts.add("cosine(epochs: " + (1 + random.nextInt(4)) + ")");
                }
                java.util.Collections.shuffle(parts, random);
                out.append("        schedule  ").append(String.join(", ", parts)).append('\n');
            }
            out.append("        epochs    ").append(random.nextInt(4)).append('\n');
            if (random.nextInt(4) != 0) {
                out.append("        init      ").append(init()).append('\n');
            }
            out.append("        seed      ").append(random.nextInt(2001) - 1000).append('\n');
            if (random.nextInt(4) == 0) {
                out.append("        report    every ").append(1 + random.nextInt(3)).append('\n');
            }
            if (random.nextInt(4) == 0) {
                out.append("        expect    accuracy >= ").append(format(random.nextInt(11) / 10.0)).append('\n');
            }
            if (validation && random.nextBoolean()) {
                out.append("        stop      when validation ").append(random.nextBoolean() ? "accuracy" : "cost")
                        .append(" has not improved for ").append(1 + random.nextInt(3)).append(" epochs\n");
            }
            if (validation && random.nextBoolean()) {
                out.append("        keep      best\n");
            }
            out.append("    }\n");
        }

        /** One of the six optimizers with its arguments, some optional ones left out. */
        private String optimizer(int samples) {
            String common = "(rate: " + format(0.05 + random.nextInt(100) / 100.0) + ", batch: " + (1 + random.nextInt(samples));
            String l2 = random.nextInt(3) == 0 ? ", l2: " + format(random.nextInt(10) / 10.0) : "";
            String epsilon = random.nextBoolean() ? ", epsilon: 1e-" + (2 + random.nextInt(7)) : "";
            return switch (random.nextInt(8)) {
                case 0, 1 -> "sgd" + common + l2 + ")";
                case 2 -> "momentum" + common + ", mu: " + format(random.nextInt(95) / 100.0) + l2 + ")";
                case 3 -> "nesterov" + common + ", mu: " + format(random.nextInt(95) / 100.0) + l2 + ")";
                case 4 -> "rmsprop" + common + (random.nextBoolean() ? ", rho: " + format(random.nextInt(99) / 100.0) : "")
                        + epsilon + ")";
                case 5 -> "adam" + common + (random.nextBoolean() ? ", beta1: " + format(random.nextInt(99) / 100.0) : "")
                        + epsilon + ")";
                default -> "adamw" + common + (random.nextBoolean() ? ", beta2: 0.9" + random.nextInt(10) : "")
                        + (random.nextBoolean() ? ", weight_decay: " + format(random.nextInt(10) / 10.0) : "") + ")";
            };
        }

        /** {@code samples} rows of the table of a train block. */
        private void writeRows(int samples) {
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
