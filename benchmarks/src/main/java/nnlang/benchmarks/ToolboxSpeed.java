package nnlang.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nnlang.compiler.NetworkCompiler;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Dense;
import nnlang.model.Init;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Optimizer;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;

/**
 * What the toolbox costs in the compiled back end: one epoch of the 50,000 MNIST training images
 * (or dense synthetic images without the folder) with SGD, with Adam, and with SGD and dropout 0.5 on
 * the hidden layers, of the same network, plus SGD again as a control. The variants' rounds are
 * interleaved, in alternating order, so that a shared machine's load falls on all of them alike;
 * each figure is the median over the timed rounds of thread CPU time, each ratio the median of the
 * rounds' ratios to SGD. Two networks: the book's 784-30-10 sigmoid with batch 10, and the
 * 784-256-128-10 relu/softmax of {@code mnist-better.nn} with its batch of 50 (dropout on both
 * hidden layers in the dropout variant).
 *
 * <pre>mvn -q -B -Pbench -pl benchmarks -am test-compile exec:exec -Dbench.main=nnlang.benchmarks.ToolboxSpeed</pre>
 */
public final class ToolboxSpeed {
    private static final SourcePos NONE = SourcePos.NONE;
    private static final java.lang.management.ThreadMXBean THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 2;
    private static final int ROUNDS = 7;

    private ToolboxSpeed() {}

    /** Optional argument: the folder of the four MNIST IDX files (gzip or raw). */
    public static void main(String[] args) throws DataException {
        System.out.println("JVM flags: " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("load average at the start: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path folder = args.length > 0 ? Path.of(args[0]) : null;
        Samples data = folder != null && Files.isDirectory(folder) ? DataSets.mnist(folder, 50_000, 10_000).train()
                : new SyntheticImages(50_000, 1);
        String what = data instanceof SyntheticImages ? "synthetic" : "MNIST";
        compare("784-30-10 sigmoid, batch 10, " + what + " epoch", new int[] {30}, Activation.SIGMOID,
                Activation.SIGMOID, Cost.QUADRATIC, 10, 3.0, data);
        compare("784-256-128-10 relu/softmax, batch 50, " + what + " epoch", new int[] {256, 128}, Activation.RELU,
                Activation.SOFTMAX, Cost.CROSS_ENTROPY, 50, 0.1, data);
        System.out.printf("load average at the end: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void compare(String title, int[] hidden, Activation f, Activation out, Cost cost, int batch,
            double rate, Samples data) {
        Optimizer sgd = new Optimizer.Sgd(rate, batch, 0.0, NONE);
        Optimizer adam = new Optimizer.Adam(0.001, batch, 0.9, 0.999, 1e-8, false, 0.0, NONE);
        NetworkModel[] models = {
            model("Sgd", hidden, f, out, cost, sgd, 0.0),
            model("Adam", hidden, f, out, cost, adam, 0.0),
            model("Dropout", hidden, f, out, cost, sgd, 0.5),
            model("SgdAgain", hidden, f, out, cost, sgd, 0.0),
        };
        Network[] nets = new Network[models.length];
        for (int k = 0; k < models.length; k++) {
            nets[k] = NetworkCompiler.load(models[k]);
            nets[k].setParameters(Initializer.initialParameters(models[k]));
        }
        double[][] times = new double[models.length][ROUNDS];
        for (int r = -WARM_UP; r < ROUNDS; r++) {
            for (int k = 0; k < nets.length; k++) {
                int n = r % 2 == 0 ? k : nets.length - 1 - k;
                double rateOf = models[n].train().orElseThrow().optimizer().rate();
                double t = epoch(nets[n], data, batch, rateOf);
                if (r >= 0) {
                    times[n][r] = t;
                }
            }
        }
        System.out.printf("%-52s SGD %6.3f s  Adam %6.3f s  dropout 0.5 %6.3f s  SGD again %6.3f s%n", title,
                median(times[0]) * 1e-9, median(times[1]) * 1e-9, median(times[2]) * 1e-9, median(times[3]) * 1e-9);
        System.out.printf("%-52s Adam/SGD %5.3f  dropout/SGD %5.3f  (SGD again/SGD %5.3f)%n", "", ratio(times, 1),
                ratio(times, 2), ratio(times, 3));
    }

    /** The median over the rounds of variant k's time over SGD's of the same round. */
    private static double ratio(double[][] times, int k) {
        double[] ratios = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            ratios[r] = times[k][r] / times[0][r];
        }
        return median(ratios);
    }

    /** One epoch in batches of {@code batch}, in index order: thread CPU nanoseconds. */
    private static double epoch(Network net, Samples data, int batch, double rate) {
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        long start = THREAD.getCurrentThreadCpuTime();
        for (int from = 0; from < order.length; from += batch) {
            net.trainBatch(data, order, from, Math.min(order.length, from + batch), rate, 1.0);
        }
        return THREAD.getCurrentThreadCpuTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** 784-hidden-...-10 with {@code optimizer}, every hidden layer dropping out at {@code dropout}. */
    private static NetworkModel model(String name, int[] hidden, Activation f, Activation out, Cost cost,
            Optimizer optimizer, double dropout) {
        List<Node> nodes = new ArrayList<>();
        Map<Integer, TrainSpec.LayerTraining> layers = new java.util.HashMap<>();
        Source source = new Source(Source.INPUT, 0, 784);
        for (int k = 0; k < hidden.length; k++) {
            nodes.add(new Node(k, "hidden" + k, Node.Kind.LAYER, Dense.unset(hidden[k], source.length(), f),
                    List.of(source), NONE));
            if (dropout > 0) {
                layers.put(k, new TrainSpec.LayerTraining(Optional.empty(), dropout, NONE));
            }
            source = new Source(k, 0, hidden[k]);
        }
        nodes.add(new Node(hidden.length, "digit", Node.Kind.LAYER, Dense.unset(10, source.length(), out),
                List.of(source), NONE));
        TrainSpec train = new TrainSpec(new DataSpec.Table(List.of(), List.of(), NONE), cost, optimizer, Optional.empty(),
                1, new Init.Gaussian(0, 1, true, NONE), 1, 0, Optional.empty(), TrainSpec.HeldOut.NONE, Map.copyOf(layers),
                Optional.empty(), false, NONE);
        return new NetworkModel(name, name + ".nn", List.of(new Input("image", 0, List.of(784), NONE)), nodes,
                new Output(List.of(new Source(hidden.length, 0, 10)), Optional.empty(), NONE), Optional.of(train), NONE);
    }
}
