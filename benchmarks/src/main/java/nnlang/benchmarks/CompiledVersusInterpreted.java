package nnlang.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
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
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.DenseSamples;

/**
 * Compiled against interpreted, in one JVM: XOR 2-2-1 one trainBatch of 4 rows; 784-30-10 sigmoid
 * one epoch of 50,000 samples in batches of 10 and one prediction, on the MNIST training images
 * (when their folder is given), and the same for the two-conv network of {@link ConvEpoch} and on dense synthetic images (a third of the pixels 0, against about
 * four fifths in MNIST), which show the speed without the zero pixels the compiled code skips. Then,
 * on each back end, the same epoch with the sigmoid written as a formula activation
 * ({@code activation mysig(z) = 1 / (1 + exp(-z))}) against the built-in sigmoid, with a second
 * built-in network as a control, their rounds interleaved. Each figure is the median of several
 * timed rounds after warm-up rounds, in CPU time of the benchmark thread, so that other processes on
 * a shared machine count less. Last, {@link ThreadsBenchmark}'s rows: one predict's latency,
 * one shared network serving from 1 and 2 threads, and training on 2 threads against 1.
 */
public final class CompiledVersusInterpreted {
    private static final SourcePos NONE = SourcePos.NONE;
    private static final java.lang.management.ThreadMXBean THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private CompiledVersusInterpreted() {}

    /**
     * Optional arguments: the folder of the four MNIST IDX files (gzip or raw); {@code dense} to leave
     * out the conv network's rows (its interpreted epochs take minutes).
     */
    public static void main(String[] args) throws DataException, InterruptedException {
        boolean withConv = !(args.length > 1 && args[1].equals("dense"));
        NetworkModel xor = layered("Xor", 2, 2, 1);
        NetworkModel mnist = layered("Mnist", 784, 30, 10);
        System.out.println("JVM flags: " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        compare("XOR 2-2-1, one trainBatch of 4 rows (ns)", xor, CompiledVersusInterpreted::xorSteps, 1);
        Optional<Samples> images = mnistImages(args);
        if (images.isPresent()) {
            Samples train = images.get();
            compare("784-30-10, one epoch of the 50,000 MNIST images, batch 10 (s)", mnist,
                    (net, model) -> epoch(net, model, train), 2);
            compare("784-30-10, one predict of an MNIST image (us)", mnist,
                    (net, model) -> predicts(net, model, train), 3);
            if (withConv) {
                NetworkModel conv = ConvEpoch.model(false);
                compare("two-conv network, one epoch of the 50,000 MNIST images, batch 10 (s)", conv,
                        (net, model) -> convEpochs(net, model, train), 2);
                compare("two-conv network, one predict of an MNIST image (us)", conv,
                        (net, model) -> predicts(net, model, train, 2_000), 3);
            }
        }
        Samples dense = new SyntheticImages(50_000, 1);
        compare("784-30-10, one epoch of 50,000 dense synthetic images (s)", mnist,
                (net, model) -> epoch(net, model, dense), 2);
        compare("784-30-10, one predict of a dense synthetic image (us)", mnist,
                (net, model) -> predicts(net, model, dense), 3);
        Samples epochData = images.orElse(dense);
        NetworkModel mysig = layered("MnistMysig", 784, 30, 10, formula("activation mysig(z) = 1 / (1 + exp(-z))"));
        NetworkModel again = layered("MnistAgain", 784, 30, 10);
        pair("compiled", NetworkCompiler.load(mnist), NetworkCompiler.load(mysig), NetworkCompiler.load(again), mnist,
                epochData);
        pair("interpreted", new Interpreter(mnist), new Interpreter(mysig), new Interpreter(again), mnist, epochData);
        ThreadsBenchmark.latency(epochData);
        ThreadsBenchmark.serving(epochData);
        ThreadsBenchmark.training(epochData, "");
    }

    /** The 50,000 training images of the MNIST folder named by {@code args[0]}, if there is one. */
    static Optional<Samples> mnistImages(String[] args) throws DataException {
        Path folder = args.length > 0 ? Path.of(args[0]) : null;
        if (folder == null || !Files.isDirectory(folder)) {
            System.out.println("No MNIST folder " + (folder == null ? "given" : folder + " found")
                    + ": synthetic images only (examples/mnist/fetch-mnist.sh DIR puts the files into DIR;"
                    + " then -Dbench.mnist=DIR)");
            return Optional.empty();
        }
        return Optional.of(DataSets.mnist(folder, 50_000, 10_000).train());
    }

    /** The activation {@code definition} defines, checked (derived and gradient-checked) by the front end. */
    private static Activation formula(String definition) {
        CheckResult result = FrontEnd.check("mysig.nn", "network M {\n input x\n " + definition
                + "\n neuron out = mysig(x: 1, bias: 0)\n}\n", java.nio.file.Path.of("."));
        if (result.hasErrors()) {
            throw new IllegalStateException(result.formatDiagnostics());
        }
        return result.networks().get(0).nodes().get(0).activation();
    }

    /**
     * One epoch each of {@code builtin}, {@code formula} and {@code control} (the built-in network
     * again, as a class or interpreter of its own), in turn and in alternating order: 2 warm-up and
     * 9 timed rounds. Prints the medians and the medians of the rounds' ratios formula / builtin
     * and control / builtin; the control shows how far two identical networks differ in this
     * measurement.
     */
    private static void pair(String backEnd, Network builtin, Network formula, Network control, NetworkModel model,
            Samples data) {
        Network[] nets = {builtin, formula, control};
        double[][] times = new double[nets.length][9];
        for (int r = -2; r < 9; r++) {
            for (int k = 0; k < nets.length; k++) {
                int n = r % 2 == 0 ? k : nets.length - 1 - k;
                double t = epoch(nets[n], model, data, 0, 1)[0];
                if (r >= 0) {
                    times[n][r] = t;
                }
            }
        }
        double[] formulaRatios = new double[times[0].length];
        double[] controlRatios = new double[times[0].length];
        for (int r = 0; r < formulaRatios.length; r++) {
            formulaRatios[r] = times[1][r] / times[0][r];
            controlRatios[r] = times[2][r] / times[0][r];
        }
        System.out.printf("%-55s sigmoid %10.3f  mysig %10.3f  mysig/sigmoid %5.3f  (sigmoid again/sigmoid %5.3f)%n",
                (data instanceof SyntheticImages ? "784-30-10 synthetic epoch" : "784-30-10 MNIST epoch")
                        + ", formula against built-in, " + backEnd + " (s)", median(times[0]) * 1e-9,
                median(times[1]) * 1e-9, median(formulaRatios), median(controlRatios));
    }

    /** Prints the medians of {@code kind} for the compiled class and the interpreter and their ratio. */
    private static void compare(String title, NetworkModel model, Timer timer, int kind) {
        double compiled = median(timer.rounds(NetworkCompiler.load(model), model));
        double interpreted = median(timer.rounds(new Interpreter(model), model));
        double scale = kind == 1 ? 1.0 : kind == 2 ? 1e-9 : 1e-3;
        System.out.printf("%-55s compiled %10.3f  interpreted %10.3f  ratio %5.1fx%n", title,
                compiled * scale, interpreted * scale, interpreted / compiled);
    }

    /** Runs warm-up rounds, then returns the timed rounds' figures (ns per unit). */
    @FunctionalInterface
    private interface Timer {
        double[] rounds(Network net, NetworkModel model);
    }

    /** 11 rounds of 200,000 XOR steps after 5 warm-up rounds: ns per trainBatch. */
    private static double[] xorSteps(Network net, NetworkModel model) {
        net.setParameters(Initializer.initialParameters(model));
        Samples data = new DenseSamples(2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});
        int[] order = {0, 1, 2, 3};
        int steps = 200_000;
        return timed(5, 11, steps, () -> {
            for (int s = 0; s < steps; s++) {
                net.trainBatch(data, order, 0, 4, 2.0, 1.0);
            }
            return 0;
        });
    }

    /** 5 timed epochs over {@code data} after 2 warm-up epochs: ns per epoch. */
    private static double[] epoch(Network net, NetworkModel model, Samples data) {
        return epoch(net, model, data, 2, 5);
    }

    /** {@code rounds} timed epochs over {@code data} after {@code warmUp} epochs, from the initial parameters: ns per epoch. */
    private static double[] epoch(Network net, NetworkModel model, Samples data, int warmUp, int rounds) {
        net.setParameters(Initializer.initialParameters(model));
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        return timed(warmUp, rounds, 1, () -> {
            for (int from = 0; from < order.length; from += 10) {
                net.trainBatch(data, order, from, from + 10, 3.0, 1.0);
            }
            return 0;
        });
    }

    /**
     * 3 timed epochs over {@code data} after one warm-up pass over its first 5,000 samples, from the
     * initial parameters, rate 0.03: ns per epoch. (An interpreted epoch of the conv network takes a
     * minute or more.)
     */
    private static double[] convEpochs(Network net, NetworkModel model, Samples data) {
        net.setParameters(Initializer.initialParameters(model));
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        for (int from = 0; from < 5_000; from += 10) {
            net.trainBatch(data, order, from, from + 10, 0.03, 1.0);
        }
        return timed(0, 3, 1, () -> {
            for (int from = 0; from < order.length; from += 10) {
                net.trainBatch(data, order, from, from + 10, 0.03, 1.0);
            }
            return 0;
        });
    }

    /** 11 rounds of 20,000 predictions of the first 100 images of {@code data} after 5 warm-up rounds: ns per prediction. */
    private static double[] predicts(Network net, NetworkModel model, Samples data) {
        return predicts(net, model, data, 20_000);
    }

    /** 11 rounds of {@code calls} predictions of the first 100 images of {@code data} after 5 warm-up rounds: ns per prediction. */
    private static double[] predicts(Network net, NetworkModel model, Samples data, int calls) {
        net.setParameters(Initializer.initialParameters(model));
        double[][] images = new double[100][data.inputSize()];
        for (int s = 0; s < images.length; s++) {
            data.input(s, images[s]);
        }
        double[] out = new double[10];
        return timed(5, 11, calls, () -> {
            long sink = 0;
            for (int c = 0; c < calls; c++) {
                net.predict(images[c % images.length], out);
                sink += Double.doubleToRawLongBits(out[c % 10]);
            }
            return sink;
        });
    }

    /** Times {@code body} {@code warmUp + rounds} times; returns the last {@code rounds} in ns per unit. */
    private static double[] timed(int warmUp, int rounds, int units, LongSupplier body) {
        double[] times = new double[rounds];
        long sink = 0;
        for (int r = -warmUp; r < rounds; r++) {
            long start = THREAD.getCurrentThreadCpuTime();
            sink += body.getAsLong();
            long elapsed = THREAD.getCurrentThreadCpuTime() - start;
            if (r >= 0) {
                times[r] = (double) elapsed / units;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return times;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** inputs-hidden-outputs, sigmoid layers, quadratic cost, N(0, 1) initialisation. */
    static NetworkModel layered(String name, int inputs, int hidden, int outputs) {
        return layered(name, inputs, hidden, outputs, Activation.SIGMOID);
    }

    /** inputs-hidden-outputs, layers of activation {@code f}, quadratic cost, N(0, 1) initialisation. */
    private static NetworkModel layered(String name, int inputs, int hidden, int outputs, Activation f) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(dense(0, "hidden", hidden, new Source(Source.INPUT, 0, inputs), f));
        nodes.add(dense(1, "out", outputs, new Source(0, 0, hidden), f));
        TrainSpec train = new TrainSpec(new DataSpec.Table(List.of(), List.of(), NONE), Cost.QUADRATIC,
                new Optimizer.Sgd(3.0, 10, 0.0, NONE), Optional.empty(), 1, new Init.Gaussian(0, 1, false, NONE), 1, 0,
                Optional.empty(), NONE);
        return new NetworkModel(name, name + ".nn", List.of(new Input("x", 0, List.of(inputs), NONE)), nodes,
                new Output(List.of(new Source(1, 0, outputs)), Optional.empty(), NONE), Optional.of(train), NONE);
    }

    private static Node dense(int index, String name, int size, Source source, Activation f) {
        return new Node(index, name, Node.Kind.LAYER, Dense.unset(size, source.length(), f), List.of(source), NONE);
    }
}
