package nnlang.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import nnlang.compiler.NetworkCompiler;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.TrainingThreads;

/**
 * Serving from threads, in one JVM: the latency of one {@code predict} on one thread (XOR 2-2-1
 * and the book's 784-30-10 on MNIST images, compiled and interpreted, in CPU time of the benchmark
 * thread), and the throughput of one shared network predicting from 1 and from 2 threads (wall
 * time, the two interleaved round by round, the median of the rounds' ratios); what the machine's
 * two cores give apart from any network ({@link CoresBenchmark}); and training on 1 and 2 threads,
 * paired round by round in one run, each back end ({@link #training}). Called by
 * {@link CompiledVersusInterpreted}; run alone with {@code -Dbench.main=nnlang.benchmarks.ThreadsBenchmark},
 * and only some parts with {@code -Dbench.jvm=-Dbench.threads=training/compiled} (parts: latency,
 * serving, handover, ceiling, training; after the slash, the words the training rows' titles must
 * contain).
 */
public final class ThreadsBenchmark {

    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    /** How many instances of a network's class each variant of a training row trains in turn. */
    private static final int INSTANCES = 3;

    private ThreadsBenchmark() {}

    /** Optional argument: the folder of the four MNIST IDX files. */
    public static void main(String[] args) throws Exception {
        Samples images = CompiledVersusInterpreted.mnistImages(args).orElse(new SyntheticImages(50_000, 1));
        String only = System.getProperty("bench.threads", "latency,serving,handover,ceiling,training");
        if (only.contains("latency")) {
            latency(images);
        }
        if (only.contains("serving")) {
            serving(images);
        }
        if (only.contains("handover")) {
            CoresBenchmark.handOver();
        }
        if (only.contains("ceiling")) {
            CoresBenchmark.ceiling();
        }
        if (only.contains("training")) {
            training(images, only.contains("/") ? only.substring(only.indexOf('/') + 1) : "");
        }
    }

    /**
     * Training on 2 threads against 1, compiled and interpreted: one epoch of 784-30-10 and
     * 784-100-10 on the images, batch 10; the conv example's network (examples/mnist/mnist-conv.nn:
     * two convs and pools, dense 100 and 10, momentum, batch 10) on the first 3,000 images; and, interpreted,
     * smaller networks, where dividing stops paying (compiled, 784-100-10 is divided by its first
     * layer's neurons and 784-30-10 trains on one thread). Only the rows whose title contains
     * {@code only} (all for ""): {@code -Dbench.threads=training/compiled} as the JVM's option
     * ({@code -Dbench.jvm=...}) runs the compiled rows alone.
     */
    static void training(Samples images, String only) {
        for (int hidden : new int[] {30, 100}) {
            NetworkModel model = CompiledVersusInterpreted.layered("Mnist" + hidden, 784, hidden, 10);
            String title = "784-" + hidden + "-10 epoch of " + images.size() + " images, ";
            epochs(only, title + "compiled (s)", () -> NetworkCompiler.load(model), model, images, images.size(), 1, 7);
            epochs(only, title + "interpreted (s)", () -> new Interpreter(model), model, images, images.size(), 1, 3);
        }
        NetworkModel conv = convExample();
        epochs(only, "conv example, 3,000 images, compiled (s)", () -> NetworkCompiler.load(conv), conv, images, 3_000,
                1, 5);
        for (int size : new int[] {4, 10, 20, 40, 80}) {
            NetworkModel model = CompiledVersusInterpreted.layered("Small" + size, size, size, size);
            Samples data = randomSamples(1_000, size);
            epochs(only, size + "-" + size + "-" + size + " (" + model.parameterCount() + " parameters), 1,000 samples,"
                    + " small, interpreted (s)", () -> new Interpreter(model), model, data, data.size(), 1, 3);
        }
    }

    /** The network of examples/mnist/mnist-conv.nn, with its optimizer (the schedule changes no batch's work). */
    private static NetworkModel convExample() {
        String source = ConvEpoch.source(false).replace("sgd(rate: 0.03, batch: 10)",
                "momentum(rate: 0.01, batch: 10, mu: 0.9)");
        nnlang.frontend.CheckResult result = nnlang.frontend.FrontEnd.check("conv.nn", source, java.nio.file.Path.of("."));
        if (result.hasErrors()) {
            throw new IllegalStateException(result.formatDiagnostics());
        }
        return result.networks().get(0);
    }

    /** The CPU time of the whole process: with the wall time, how many cores it got. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {@code count} samples of {@code size} random inputs and targets in [0, 1). */
    private static Samples randomSamples(int count, int size) {
        java.util.Random random = new java.util.Random(size);
        double[] inputs = new double[count * size];
        double[] targets = new double[count * size];
        Arrays.setAll(inputs, i -> random.nextDouble());
        Arrays.setAll(targets, i -> random.nextDouble());
        return new nnlang.runtime.data.DenseSamples(size, size, inputs, targets);
    }

    /**
     * Rounds of one epoch on 1 thread, on 2 threads, and divided in 2 shares run on one thread,
     * interleaved, each round followed by two other networks' epochs at once on a thread each; prints
     * the medians and the median ratios to 1 thread: 2 threads in wall time, the 2 shares on one
     * thread in CPU time (what dividing the work costs, without the hand-overs), and the process's CPU
     * time per second of wall time on 2 threads, its threads' spinning at barriers included, and the
     * two networks' wall time at once (the machine's ceiling for dividing one network).
     *
     * <p>Each variant trains {@link #INSTANCES} instances of the class in turn, and a round's figure
     * is their sum: where the arrays of one instance happen to lie in memory changes its speed by up
     * to a fifth on this machine (docs/performance.md), so one instance per variant would measure
     * the luck of two layouts along with the threads.
     */
    private static void epochs(String only, String title, java.util.function.Supplier<Network> create,
            NetworkModel model, Samples data, int n, int warmUp, int rounds) {
        if (!title.contains(only)) {
            return;
        }
        Network[][] nets = new Network[3][INSTANCES];
        double rate = model.train().orElseThrow().optimizer().rate();
        double[] initial = Initializer.initialParameters(model);
        for (Network[] variant : nets) {
            for (int i = 0; i < INSTANCES; i++) {
                variant[i] = create.get();
                variant[i].setParameters(initial);
            }
        }
        Network[] apartNets = {create.get(), create.get()};
        for (Network net : apartNets) {
            net.setParameters(initial);
        }
        double[][] wall = new double[3][rounds];
        double[][] cpu = new double[3][rounds];
        double[][] cores = new double[3][rounds];
        double[] apart = new double[rounds];
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        try (TrainingThreads team = new TrainingThreads(2)) {
            TrainingThreads[] how = {null, team, TrainingThreads.sequential(2)};
            for (int r = -warmUp; r < rounds; r++) {
                for (int i = 0; i < INSTANCES; i++) {
                    for (int k = 0; k < 3; k++) {
                        int e = ((r + i) & 1) == 0 ? k : 2 - k;
                        long c0 = THREAD.getCurrentThreadCpuTime();
                        long p0 = processCpuNanos();
                        double w = epoch(nets[e][i], data, order, how[e], rate);
                        long c1 = THREAD.getCurrentThreadCpuTime();
                        long p1 = processCpuNanos();
                        if (r >= 0) {
                            wall[e][r] += w;
                            cpu[e][r] += (c1 - c0) * 1e-9;
                            cores[e][r] += (p1 - p0) * 1e-9;
                        }
                    }
                }
                double a = apart(team, apartNets[0], apartNets[1], data, order, rate);
                if (r >= 0) {
                    apart[r] = a * INSTANCES;
                    for (int e = 0; e < 3; e++) {
                        cores[e][r] /= wall[e][r];
                    }
                }
            }
        }
        for (Network[] variant : nets) {
            for (Network net : variant) {
                if (!Arrays.equals(nets[0][0].parameters(), net.parameters())) {
                    throw new IllegalStateException(title + ": divided training trained other parameters");
                }
            }
        }
        double[] threads = new double[rounds];
        double[] shares = new double[rounds];
        double[] control = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            threads[r] = wall[1][r] / wall[0][r];
            control[r] = apart[r] / wall[0][r];
            shares[r] = cpu[2][r] / cpu[0][r];
        }
        System.out.printf("%-55s 1 thread %8.3f  2 threads %8.3f  ratio %5.2f  (2 shares on 1 thread, CPU: %5.2f;"
                + " process CPU per second with 2 threads, waits included: %4.2f; 2 networks at once, 1 thread each: %5.2f)%n",
                title, median(wall[0]) / INSTANCES, median(wall[1]) / INSTANCES, median(threads), median(shares),
                median(cores[1]), median(control));
    }

    /**
     * Seconds of wall time for one epoch of each of two networks trained at once, each on one of
     * {@code team}'s two threads: what the machine gives two cores that share nothing but the memory.
     * The team's own threads run them, so that no third thread competes for the two cores.
     */
    private static double apart(TrainingThreads team, Network first, Network second, Samples data, int[] order,
            double rate) {
        long start = System.nanoTime();
        team.runPinned(share -> epoch(share == 0 ? first : second, data, order, null, rate));
        return (System.nanoTime() - start) * 1e-9;
    }

    /** Seconds of wall time for one epoch in batches of 10 at {@code rate}, on {@code team} when not null. */
    private static double epoch(Network net, Samples data, int[] order, TrainingThreads team, double rate) {
        long start = System.nanoTime();
        for (int from = 0; from < order.length; from += 10) {
            int to = Math.min(from + 10, order.length);
            if (team == null) {
                net.trainBatch(data, order, from, to, rate, 1.0);
            } else {
                net.trainBatch(data, order, from, to, rate, 1.0, team);
            }
        }
        return (System.nanoTime() - start) * 1e-9;
    }

    /** One predict on one thread: XOR and 784-30-10, each back end. */
    static void latency(Samples images) {
        NetworkModel xor = CompiledVersusInterpreted.layered("Xor", 2, 2, 1);
        NetworkModel mnist = CompiledVersusInterpreted.layered("Mnist", 784, 30, 10);
        double[][] xorInputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] mnistInputs = firstInputs(images, 100);
        row("XOR 2-2-1, one predict (ns)", latency(NetworkCompiler.load(xor), xor, xorInputs, 2_000_000),
                latency(new Interpreter(xor), xor, xorInputs, 200_000));
        row("784-30-10, one predict of an image (ns)", latency(NetworkCompiler.load(mnist), mnist, mnistInputs, 20_000),
                latency(new Interpreter(mnist), mnist, mnistInputs, 2_000));
    }

    /** Throughput of one shared 784-30-10 network with 2 threads against 1, each back end, on 200 images. */
    static void serving(Samples images) throws InterruptedException {
        NetworkModel mnist = CompiledVersusInterpreted.layered("Mnist", 784, 30, 10);
        // 200 images, 1.2 MB, so that the threads share the caches rather than the memory bus.
        double[][] inputs = firstInputs(images, 200);
        throughput("compiled", NetworkCompiler.load(mnist), NetworkCompiler.load(mnist), mnist, inputs, 10_000);
        throughput("interpreted", new Interpreter(mnist), new Interpreter(mnist), mnist, inputs, 1_000);
    }

    private static void row(String title, double compiled, double interpreted) {
        System.out.printf("%-55s compiled %10.1f  interpreted %10.1f%n", title, compiled, interpreted);
    }

    static double[][] firstInputs(Samples data, int count) {
        double[][] inputs = new double[Math.min(count, data.size())][data.inputSize()];
        for (int s = 0; s < inputs.length; s++) {
            data.input(s, inputs[s]);
        }
        return inputs;
    }

    /** The median over 11 rounds, after 5, of the CPU time per predict of {@code calls} predicts. */
    private static double latency(Network net, NetworkModel model, double[][] inputs, int calls) {
        net.setParameters(Initializer.initialParameters(model));
        double[] out = new double[net.outputSize()];
        double[] times = new double[11];
        long sink = 0;
        for (int r = -5; r < times.length; r++) {
            long start = THREAD.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                net.predict(inputs[c % inputs.length], out);
                sink += Double.doubleToRawLongBits(out[0]);
            }
            long elapsed = THREAD.getCurrentThreadCpuTime() - start;
            if (r >= 0) {
                times[r] = (double) elapsed / calls;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return median(times);
    }

    /**
     * Rounds of {@code perThread} predicts on each of 1, then 2 threads sharing {@code net} (the
     * order alternating), 2 warm-up and 9 timed rounds; prints predicts per second of each and the
     * median ratio.
     */
    private static void throughput(String backEnd, Network net, Network other, NetworkModel model, double[][] inputs,
            int perThread) throws InterruptedException {
        net.setParameters(Initializer.initialParameters(model));
        other.setParameters(Initializer.initialParameters(model));
        double[] one = new double[9];
        double[] two = new double[9];
        double[] apart = new double[9];
        Network[] single = {net};
        Network[] shared = {net, net};
        Network[] separate = {net, other};
        for (int r = -2; r < one.length; r++) {
            boolean even = r % 2 == 0;
            double a = wall(even ? single : separate, inputs, perThread);
            double b = wall(shared, inputs, perThread);
            double c = wall(even ? separate : single, inputs, perThread);
            if (r >= 0) {
                one[r] = perThread / (even ? a : c);
                two[r] = 2.0 * perThread / b;
                apart[r] = 2.0 * perThread / (even ? c : a);
            }
        }
        double[] ratios = new double[one.length];
        double[] control = new double[one.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = two[r] / one[r];
            control[r] = apart[r] / one[r];
        }
        System.out.printf("%-55s 1 thread %10.0f/s  2 threads %10.0f/s  ratio %5.2fx  (2 threads on 2 networks: %5.2fx)%n",
                "784-30-10 shared, predicts per second, " + backEnd, median(one), median(two), median(ratios),
                median(control));
    }

    /** Seconds of wall time for one thread per element of {@code nets}, each predicting {@code perThread} inputs on it. */
    private static double wall(Network[] nets, double[][] inputs, int perThread) throws InterruptedException {
        int threads = nets.length;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int offset = t * 997;
            Network net = nets[t];
            workers[t] = new Thread(() -> {
                double[] out = new double[net.outputSize()];
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int c = 0; c < perThread; c++) {
                    net.predict(inputs[(offset + c) % inputs.length], out);
                }
            });
            workers[t].start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        return (System.nanoTime() - start) * 1e-9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
