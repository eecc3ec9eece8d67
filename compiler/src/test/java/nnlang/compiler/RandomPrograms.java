package nnlang.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;

/**
 * Random valid {@code .nn} programs as source text: the same seed gives the same text. Where
 * {@code nnlang.testing.RandomNetworks} builds models directly, these go through the lexer, the
 * parser and every check, so they exercise the language as users write it.
 *
 * <p>Most programs also declare small helper networks ({@link HelperWriter}) that the main networks
 * use as parts: neurons with preset weights or a layer whose weights and biases are written out,
 * inputs bound in order or by name, outputs read whole, by element, by name or by a path into the
 * part, constants set with {@code with}, parts marked {@code fixed}. Some helpers have a train
 * block; a part of one of them brings the trained parameters of {@code <Helper>.nnp}, which the test
 * writes, and is fixed unless marked {@code trainable}. The helpers are in the program's own file
 * or in a library file it imports ({@link Program#library}). Programs declare constants
 * ({@code let}) at file and network level and write some weights, biases, sizes and
 * hyper-parameters as formulas of them; some nodes of trained networks are {@code fixed} (among
 * them perceptrons that read only inputs), and some neurons read one source twice.
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
 * their own and a dropout rate; sometimes a number of threads. Networks that use the step activation
 * ({@code perceptron} or {@code step}) cannot train: every weight and bias of theirs is preset.
 * Half the networks declare one or two activations by formula, which their nodes may use like the
 * built-ins. A trained network whose input is an image (one or two channels of up to 4 x 4) mostly
 * begins with one to three convolutions and pools (kernels up to 3 x 3, strides 1 or 2 written as
 * {@code stride: 2} or {@code 2 x 1}, {@code padding: same} or {@code valid}, sizes sometimes written as
 * formulas ({@code 2 * 3 / 2 x 1}), some reading two images
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

    /**
     * A generated program: the text of {@link #fileName}, and the text of the library file it
     * imports, {@link #libraryName}, or null when it imports none.
     */
    public record Program(long seed, String text, String library) {
        public String fileName() {
            return "random-" + seed + ".nn";
        }

        public String libraryName() {
            return "lib-" + seed + ".nn";
        }
    }

    /** The text of the program of {@code seed}, without its library. */
    public static String program(long seed) {
        return generate(seed).text();
    }

    /** The program of {@code seed}. */
    public static Program generate(long seed) {
        Random random = new Random(seed * 0x5DEECE66DL + 11);
        StringBuilder out = new StringBuilder("// random program ").append(seed).append('\n');
        StringBuilder library = null;
        List<Helper> helpers = new ArrayList<>();
        if (random.nextInt(4) != 0) {
            boolean imported = random.nextInt(3) == 0;
            StringBuilder into = out;
            if (imported) {
                library = new StringBuilder("// the library of random program ").append(seed).append('\n');
                out.append("import \"lib-").append(seed).append(".nn\"\n");
                into = library;
            }
            int count = 1 + random.nextInt(2);
            for (int h = 0; h < count; h++) {
                boolean trained = imported && random.nextInt(3) == 0;
                helpers.add(new HelperWriter(random, "H" + seed + "h" + h, trained, into).write());
            }
        }
        List<String> constants = new ArrayList<>();
        if (random.nextBoolean()) {
            constants.add("c" + seed);
            out.append("let c").append(seed).append(" = ").append(new Numbers(random, List.of()).plain()).append('\n');
        }
        int networks = random.nextInt(5) == 0 ? 2 : 1;
        for (int n = 0; n < networks; n++) {
            new NetworkWriter(random, "P" + seed + "n" + n, out, helpers, constants).write();
        }
        return new Program(seed, out.toString(), library == null ? null : library.toString());
    }

    /** What a declaration is, for what may follow it. */
    private enum Kind { INPUT, NEURON, LAYER, PART }

    /**
     * A declared node, input or name inside a part: its name and size, and its shape C x H x W when it
     * is an image (else null).
     */
    private record Decl(String name, int size, boolean scalar, Kind kind, int[] image) {
        Decl(String name, int size, boolean scalar, Kind kind) {
            this(name, size, scalar, kind, null);
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

    /**
     * What a main network knows of a helper network it may use as a part: its scalar inputs, its
     * output size, the names inside it that may be read ({@code part.name}), whether it uses a step
     * activation, whether it trains, and its constants.
     */
    private record Helper(String name, List<String> inputs, int outputSize, List<Decl> names, boolean steps,
                          boolean trained, List<String> lets) {}

    /** Weights, biases and other numbers, sometimes written as formulas of the constants in scope. */
    private static final class Numbers {
        private final Random random;
        private final List<String> constants;

        Numbers(Random random, List<String> constants) {
            this.random = random;
            this.constants = constants;
        }

        /** A weight or bias in [-2, 2], sometimes 0 or -0.0, sometimes a formula. */
        String number() {
            if (!constants.isEmpty() && random.nextInt(5) == 0) {
                String c = constants.get(random.nextInt(constants.size()));
                return switch (random.nextInt(3)) {
                    case 0 -> c;
                    case 1 -> "-" + plainPositive() + " * " + c;
                    default -> "(" + c + " + " + plain() + ") / 2";
                };
            }
            return plain();
        }

        /** A number in [-2, 2] written in one of the lexer's forms, sometimes 0 or -0.0. */
        String plain() {
            return switch (random.nextInt(12)) {
                case 0 -> "0";
                case 1 -> "-0.0";
                default -> format(random, (random.nextInt(4001) - 2000) / 1000.0);
            };
        }

        private String plainPositive() {
            return format(random, (1 + random.nextInt(2000)) / 1000.0);
        }

        String list(int size) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                values.add(number());
            }
            return "[" + String.join(", ", values) + "]";
        }

        /** A whole number n, sometimes written as a formula that folds to it. */
        String whole(int n) {
            return switch (random.nextInt(6)) {
                case 0 -> (n + 2) + " - 2";
                case 1 -> "2 * " + n + " / 2";
                default -> Integer.toString(n);
            };
        }
    }

    /** x written in one of the lexer's forms: 0.5, .5, 5e-1, 3. (for whole numbers). */
    private static String format(Random random, double x) {
        String plain = Double.toString(x);
        if (x == Math.rint(x) && random.nextInt(3) == 0) {
            return (long) x + ".";
        }
        if (x > 0 && x < 1 && random.nextInt(3) == 0) {
            return random.nextBoolean() ? plain.substring(1)
                    : String.format(Locale.ROOT, "%se-1", Double.toString(x * 10).replaceAll("\\.0$", ""));
        }
        return plain;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * A helper network: one to three scalar inputs and a constant {@code k}; without a train block,
     * one to three neurons with preset weights and biases (some reading another neuron twice) and
     * sometimes a layer whose weights and biases are written out; with one, two dense layers and a
     * table. Its output line names some items.
     */
    private static final class HelperWriter {
        private final Random random;
        private final String name;
        private final boolean trained;
        private final StringBuilder out;

        HelperWriter(Random random, String name, boolean trained, StringBuilder out) {
            this.random = random;
            this.name = name;
            this.trained = trained;
            this.out = out;
        }

        Helper write() {
            Numbers numbers = new Numbers(random, List.of("k"));
            List<String> inputs = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                inputs.add("a" + i);
            }
            out.append("network ").append(name).append(" {\n    input ").append(String.join(", ", inputs)).append('\n');
            out.append("    let k = ").append(numbers.plain()).append('\n');
            List<Decl> names = new ArrayList<>();
            if (trained) {
                int size = 1 + random.nextInt(3);
                int outputs = 1 + random.nextInt(2);
                out.append("    layer h = dense(").append(size).append(", ").append(pick(TRAINABLE)).append(")\n");
                out.append("    layer o = dense(").append(outputs).append(", sigmoid)\n");
                names.add(new Decl("h", size, false, Kind.LAYER));
                names.add(new Decl("o", outputs, false, Kind.LAYER));
                trainBlock(inputs.size(), outputs);
                out.append("}\n\n");
                return new Helper(name, inputs, outputs, names, false, true, List.of("k"));
            }
            boolean steps = false;
            String[] activations = random.nextInt(3) == 0 ? STEPS : TRAINABLE;
            List<Decl> readable = new ArrayList<>();
            inputs.forEach(i -> readable.add(new Decl(i, 1, true, Kind.INPUT)));
            int neurons = 1 + random.nextInt(3);
            for (int j = 0; j < neurons; j++) {
                String activation = pick(activations);
                steps |= activation.equals("perceptron") || activation.equals("step");
                Decl a = readable.get(random.nextInt(readable.size()));
                Decl b = readable.get(random.nextInt(readable.size()));
                out.append("    neuron u").append(j).append(" = ").append(activation).append('(').append(a.name())
                        .append(": ").append(numbers.number()).append(", ").append(b.name()).append(": ")
                        .append(numbers.number()).append(", bias: ").append(numbers.number()).append(")\n");
                Decl u = new Decl("u" + j, 1, true, Kind.NEURON);
                readable.add(u);
                names.add(u);
            }
            if (random.nextBoolean()) {
                int size = 1 + random.nextInt(3);
                List<String> rows = new ArrayList<>();
                for (int r = 0; r < size; r++) {
                    rows.add(numbers.list(inputs.size()));
                }
                out.append("    layer w = dense(").append(size).append(", ").append(pick(TRAINABLE)).append(") from ")
                        .append(String.join(", ", inputs)).append(" weights [").append(String.join(", ", rows))
                        .append("] bias ").append(numbers.list(size)).append('\n');
                names.add(new Decl("w", size, false, Kind.LAYER));
            }
            List<String> items = new ArrayList<>();
            List<Decl> named = new ArrayList<>();
            int outputSize = 0;
            for (Decl d : names) {
                if (random.nextBoolean() || items.isEmpty() && d == names.get(names.size() - 1)) {
                    String item = d.name();
                    if (random.nextBoolean()) {
                        item = "o_" + d.name() + ": " + d.name();
                        named.add(new Decl("o_" + d.name(), d.size(), false, Kind.PART));
                    }
                    items.add(item);
                    outputSize += d.size();
                }
            }
            names.addAll(named);
            out.append("    output ").append(String.join(", ", items)).append("\n}\n\n");
            return new Helper(name, inputs, outputSize, names, steps, false, List.of("k"));
        }

        /** The train block of a trained helper, on a small table. */
        private void trainBlock(int inputSize, int outputs) {
            Numbers numbers = new Numbers(random, List.of());
            out.append("    train {\n        data table {\n");
            int rows = 1 + random.nextInt(3);
            for (int s = 0; s < rows; s++) {
                out.append("            ").append(numbers.list(inputSize)).append(" -> ").append(numbers.list(outputs))
                        .append('\n');
            }
            out.append("        }\n        cost quadratic\n        optimizer sgd(rate: 0.5, batch: 1)\n")
                    .append("        epochs 1\n        seed ").append(random.nextInt(100)).append("\n    }\n");
        }

        private String pick(String[] from) {
            return from[random.nextInt(from.length)];
        }
    }

    private static final class NetworkWriter {
        private final Random random;
        private final String name;
        private final StringBuilder out;
        private final boolean trains;
        private final List<Helper> helpers;
        private final Numbers numbers;
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
        /** Whether the network reads an image with convolutions and pools (its dense layers stay narrow). */
        private boolean convolutional;

        NetworkWriter(Random random, String name, StringBuilder out, List<Helper> helpers, List<String> constants) {
            this.random = random;
            this.name = name;
            this.out = out;
            this.trains = random.nextInt(6) != 0;
            this.activations = trains ? TRAINABLE : concat(TRAINABLE, STEPS);
            this.helpers = helpers.stream().filter(h -> !trains || !h.steps()).toList();
            List<String> scope = new ArrayList<>(constants);
            if (random.nextInt(3) == 0) {
                scope.add("m");
            }
            this.numbers = new Numbers(random, scope);
        }

        void write() {
            out.append("network ").append(name).append(" {\n");
            writeInputs();
            if (numbers.constants.contains("m")) {
                out.append("    let m = ").append(numbers.plain()).append('\n');
            }
            writeFormulas();
            if (trains && random.nextInt(4) == 0) {
                writeFixedPerceptron();
            }
            if (convolutional) {
                int images = 1 + random.nextInt(3);
                for (int i = 0; i < images; i++) {
                    writeImageLayer("c" + i);
                }
            }
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                if (!helpers.isEmpty() && random.nextInt(3) == 0) {
                    writePart("p" + i);
                } else if (random.nextBoolean()) {
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
                    options.add("dropout " + format(random, (1 + random.nextInt(8)) / 10.0));
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
                case 4 -> "uniform(" + format(random, -(1 + random.nextInt(10)) / 10.0) + ", " + format(random, random.nextInt(10) / 10.0)
                        + ")";
                default -> "gaussian(" + format(random, random.nextInt(3) / 10.0) + ", " + format(random, (1 + random.nextInt(10)) / 10.0)
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
                        inputs.add(new Decl("x" + i, 1, true, Kind.INPUT));
                    }
                    out.append("    input ").append(String.join(", ", names)).append('\n');
                }
                case 1 -> {
                    int n = random.nextInt(5) == 0 ? 15 + random.nextInt(6) : 1 + random.nextInt(6);
                    inputs.add(new Decl("input", n, false, Kind.INPUT));
                    out.append("    input ").append(n).append('\n');
                }
                default -> {
                    convolutional = trains && random.nextInt(4) != 0;
                    int channels = convolutional && random.nextInt(3) == 0 ? 2 : 1;
                    int rows = convolutional ? 2 + random.nextInt(3) : 1 + random.nextInt(3);
                    int cols = convolutional ? 2 + random.nextInt(3) : 1 + random.nextInt(4);
                    inputs.add(new Decl("image", channels * rows * cols, false, Kind.INPUT, new int[] {channels, rows, cols}));
                    out.append("    input image[").append(channels == 1 && random.nextBoolean() ? "" : channels + " x ")
                            .append(numbers.whole(rows)).append(" x ").append(cols).append("]\n");
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
         * A fixed perceptron of a trained network that reads only inputs: no gradient has to pass it,
         * so it is allowed; later nodes may read it.
         */
        private void writeFixedPerceptron() {
            Decl input = inputs.get(random.nextInt(inputs.size()));
            String ref = input.reference(random, true);
            int size = input.sizeOf(ref);
            out.append("    fixed neuron s = perceptron(").append(ref).append(": ")
                    .append(size == 1 ? numbers.number() : numbers.list(size)).append(", bias: ").append(numbers.number())
                    .append(")\n");
            nodes.add(new Decl("s", 1, true, Kind.NEURON));
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
                args.add(numbers.whole(filters));
            }
            args.add(numbers.whole(kh) + " x " + numbers.whole(kw));
            if (conv) {
                args.add(activation);
            }
            boolean defaultStride = conv ? sy == 1 && sx == 1 : sy == kh && sx == kw;
            if (!defaultStride || random.nextInt(4) == 0) {
                args.add("stride: " + (sy == sx && random.nextBoolean() ? numbers.whole(sy)
                        : numbers.whole(sy) + " x " + numbers.whole(sx)));
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
            nodes.add(new Decl(node, outChannels * outRows * outCols, false, Kind.LAYER,
                    new int[] {outChannels, outRows, outCols}));
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
            for (Ref ref : references(readable)) {
                int size = ref.decl().sizeOf(ref.text());
                if (!trains || random.nextInt(3) == 0) {
                    args.add(ref.text() + ": " + (size == 1 ? numbers.number() : numbers.list(size)));
                } else {
                    args.add(ref.text());
                }
            }
            if (!trains || random.nextBoolean()) {
                args.add(random.nextInt(4) == 0 ? "threshold: " + numbers.number() : "bias: " + numbers.number());
            }
            out.append("    ").append(trains && random.nextInt(6) == 0 ? "fixed " : "").append("neuron ").append(node)
                    .append(" = ").append(activation).append('(').append(String.join(", ", args)).append(")\n");
            nodes.add(new Decl(node, 1, true, Kind.NEURON));
            lastActivation = activation;
        }

        /**
         * One to three references among {@code from}: mostly to distinct declarations, sometimes the
         * same one twice (read twice, each with its own weight).
         */
        private List<Ref> references(List<Decl> from) {
            List<Ref> refs = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Decl d = from.get(random.nextInt(from.size()));
                if (refs.stream().noneMatch(r -> r.decl() == d) || random.nextInt(8) == 0) {
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
            boolean previousIsLayer = !nodes.isEmpty() && nodes.get(nodes.size() - 1).kind() == Kind.LAYER;
            // Without a train block the weights are written out, against sources named with from.
            boolean written = !trains || random.nextInt(5) == 0;
            List<String> from = new ArrayList<>();
            int fanIn = 0;
            if (!(nodes.isEmpty() || previousIsLayer) || random.nextInt(3) == 0 || written) {
                for (Ref ref : references(readable())) {
                    from.add(ref.text());
                    fanIn += ref.decl().sizeOf(ref.text());
                }
            }
            out.append("    ").append(trains && !softmax && random.nextInt(6) == 0 ? "fixed " : "").append("layer ")
                    .append(node).append(" = dense(").append(numbers.whole(size)).append(", ").append(activation).append(')');
            if (!from.isEmpty()) {
                out.append(" from ").append(String.join(", ", from));
            }
            if (written) {
                List<String> rows = new ArrayList<>();
                for (int r = 0; r < size; r++) {
                    rows.add(numbers.list(fanIn));
                }
                out.append(" weights [").append(String.join(", ", rows)).append("] bias ").append(numbers.list(size));
            }
            layerEnds.add(out.length());
            layerNames.add(node);
            out.append('\n');
            nodes.add(new Decl(node, size, false, Kind.LAYER));
            lastActivation = activation;
            softmaxOutput = softmax;
        }

        /**
         * A part: a helper bound to single elements, in order or by name; sometimes with its constant
         * set, sometimes fixed (or, for a trained helper, trainable). Later nodes may read the part, an
         * element of it, or a name inside it.
         */
        private void writePart(String part) {
            Helper helper = helpers.get(random.nextInt(helpers.size()));
            List<Decl> singles = new ArrayList<>();
            for (Decl d : readable()) {
                if (d.size() == 1 || !d.scalar()) {
                    singles.add(d);
                }
            }
            List<String> args = new ArrayList<>();
            boolean byName = random.nextInt(3) == 0;
            List<String> order = new ArrayList<>(helper.inputs());
            if (byName) {
                java.util.Collections.shuffle(order, random);
            }
            for (String input : order) {
                Decl d = singles.get(random.nextInt(singles.size()));
                String ref = d.size() == 1 ? d.name() : d.name() + "[" + random.nextInt(d.size()) + "]";
                args.add(byName ? input + ": " + ref : ref);
            }
            String mark = helper.trained() ? (random.nextInt(3) == 0 ? "trainable " : "")
                    : trains && random.nextInt(4) == 0 ? "fixed " : "";
            out.append("    ").append(mark).append("part ").append(part).append(" = ").append(helper.name()).append('(')
                    .append(String.join(", ", args)).append(')');
            if (!helper.trained() && random.nextInt(3) == 0) {
                out.append(" with k = ").append(numbers.number());
            }
            out.append('\n');
            nodes.add(new Decl(part, helper.outputSize(), false, Kind.PART));
            for (Decl inside : helper.names()) {
                if (random.nextBoolean()) {
                    nodes.add(new Decl(part + "." + inside.name(), inside.size(), false, Kind.PART));
                }
            }
            lastActivation = "mixed";
        }

        private void writeOutput() {
            Decl last = nodes.get(nodes.size() - 1);
            outputNodes.add(last.name());
            if (softmaxOutput && last.kind() == Kind.LAYER) {
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
            softmaxOutput = false;
            if (random.nextBoolean() && last.kind() != Kind.PART) {
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
            for (Ref ref : references(nodes)) {
                refs.add((random.nextInt(4) == 0 ? "out" + refs.size() + ": " : "") + ref.text());
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
                    parts.add("step(every: " + (1 + random.nextInt(3)) + ", factor: " + format(random, (1 + random.nextInt(10)) / 10.0)
                            + ")");
                } else if (schedule == 2) {
                    parts.add("exponential(factor: " + format(random, (1 + random.nextInt(10)) / 10.0) + ")");
                } else if (schedule == 3) {
                    parts.add("cosine(epochs: " + (1 + random.nextInt(4)) + ")");
                }
                java.util.Collections.shuffle(parts, random);
                out.append("        schedule  ").append(String.join(", ", parts)).append('\n');
            }
            out.append("        epochs    ").append(numbers.whole(random.nextInt(4))).append('\n');
            if (random.nextInt(4) != 0) {
                out.append("        init      ").append(init()).append('\n');
            }
            out.append("        seed      ").append(random.nextInt(2001) - 1000).append('\n');
            if (random.nextInt(4) == 0) {
                out.append("        report    every ").append(1 + random.nextInt(3)).append('\n');
            }
            if (random.nextInt(4) == 0) {
                out.append("        expect    accuracy >= ").append(format(random, random.nextInt(11) / 10.0)).append('\n');
            }
            if (validation && random.nextBoolean()) {
                out.append("        stop      when validation ").append(random.nextBoolean() ? "accuracy" : "cost")
                        .append(" has not improved for ").append(1 + random.nextInt(3)).append(" epochs\n");
            }
            if (validation && random.nextBoolean()) {
                out.append("        keep      best\n");
            }
            // From the name, not the random stream, so that adding the setting changed no other program.
            int threads = Math.floorMod(name.hashCode(), 8);
            if (threads < 3) {
                out.append("        threads   ").append(threads == 0 ? "auto" : String.valueOf(threads + 1)).append('\n');
            }
            out.append("    }\n");
        }

        /** One of the six optimizers with its arguments, some optional ones left out. */
        private String optimizer(int samples) {
            String common = "(rate: " + format(random, 0.05 + random.nextInt(100) / 100.0) + ", batch: " + numbers.whole(1 + random.nextInt(samples));
            String l2 = random.nextInt(3) == 0 ? ", l2: " + format(random, random.nextInt(10) / 10.0) : "";
            String epsilon = random.nextBoolean() ? ", epsilon: 1e-" + (2 + random.nextInt(7)) : "";
            return switch (random.nextInt(8)) {
                case 0, 1 -> "sgd" + common + l2 + ")";
                case 2 -> "momentum" + common + ", mu: " + format(random, random.nextInt(95) / 100.0) + l2 + ")";
                case 3 -> "nesterov" + common + ", mu: " + format(random, random.nextInt(95) / 100.0) + l2 + ")";
                case 4 -> "rmsprop" + common + (random.nextBoolean() ? ", rho: " + format(random, random.nextInt(99) / 100.0) : "")
                        + epsilon + ")";
                case 5 -> "adam" + common + (random.nextBoolean() ? ", beta1: " + format(random, random.nextInt(99) / 100.0) : "")
                        + epsilon + ")";
                default -> "adamw" + common + (random.nextBoolean() ? ", beta2: 0.9" + random.nextInt(10) : "")
                        + (random.nextBoolean() ? ", weight_decay: " + format(random, random.nextInt(10) / 10.0) : "") + ")";
            };
        }

        /** {@code samples} rows of the table of a train block. */
        private void writeRows(int samples) {
            for (int s = 0; s < samples; s++) {
                out.append("            ").append(plainList(inputSize())).append(" -> ");
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
                        target.add(format(random, random.nextInt(11) / 10.0));
                    }
                    out.append('[').append(String.join(", ", target)).append(']');
                }
                out.append(random.nextBoolean() ? ";\n" : "\n");
            }
        }

        /** A table row: numbers only, as data tables take no formulas. */
        private String plainList(int size) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                values.add(numbers.plain());
            }
            return "[" + String.join(", ", values) + "]";
        }
    }

    /**
     * Writes the program (and its library, with {@code <Network>.nnp} for each trained network of the
     * library, from its initial parameters) into {@code dir} and checks it.
     */
    public static CheckResult check(Program program, Path dir) {
        try {
            if (program.library() != null) {
                Path library = Files.writeString(dir.resolve(program.libraryName()), program.library());
                CheckResult checked = FrontEnd.check(library);
                for (NetworkModel model : checked.networks()) {
                    if (model.train().isPresent()) {
                        ParameterFile.write(ParameterFile.besideSource(library, model.name()), ParameterLayout.of(model),
                                Initializer.initialParameters(model));
                    }
                }
            }
            return FrontEnd.check(Files.writeString(dir.resolve(program.fileName()), program.text()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
