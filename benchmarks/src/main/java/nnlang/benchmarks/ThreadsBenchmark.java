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

/**
 * Serving from threads, in one JVM: the latency of one {@code predict} on one thread (XOR 2-2-1
 * and the book's 784-30-10 on MNIST images, compiled and interpreted, in CPU time of the benchmark
 * thread), and the throughput of one shared network predicting from 1 and from 2 threads (wall
 * time, the two interleaved round by round, the median of the rounds' ratios). Called by
 * {@link CompiledVersusInterpreted}; run alone with {@code -Dbench.main=nnlang.benchmarks.ThreadsBenchmark}.
 */
public final class ThreadsBenchmark {

    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private ThreadsBenchmark() {}

    /** Optional argument: the folder of the four MNIST IDX files. */
    public static void main(String[] args) throws Exception {
        Samples images = CompiledVersusInterpreted.mnistImages(args).orElse(new SyntheticImages(50_000, 1));
        latency(images);
        serving(images);
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

    /** Throughput of one shared 784-30-10 network with 2 threads against 1, each back end. */
    static void serving(Samples images) throws InterruptedException {
        NetworkModel mnist = CompiledVersusInterpreted.layered("Mnist", 784, 30, 10);
        double[][] inputs = firstInputs(images, 10_000);
        throughput("compiled", NetworkCompiler.load(mnist), mnist, inputs, 10_000);
        throughput("interpreted", new Interpreter(mnist), mnist, inputs, 1_000);
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
    private static void throughput(String backEnd, Network net, NetworkModel model, double[][] inputs, int perThread)
            throws InterruptedException {
        net.setParameters(Initializer.initialParameters(model));
        double[] one = new double[9];
        double[] two = new double[9];
        for (int r = -2; r < one.length; r++) {
            double a;
            double b;
            if (r % 2 == 0) {
                a = wall(net, inputs, perThread, 1);
                b = wall(net, inputs, perThread, 2);
            } else {
                b = wall(net, inputs, perThread, 2);
                a = wall(net, inputs, perThread, 1);
            }
            if (r >= 0) {
                one[r] = perThread / a;
                two[r] = 2.0 * perThread / b;
            }
        }
        double[] ratios = new double[one.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = two[r] / one[r];
        }
        System.out.printf("%-55s 1 thread %10.0f/s  2 threads %10.0f/s  ratio %5.2fx%n",
                "784-30-10 shared, predicts per second, " + backEnd, median(one), median(two), median(ratios));
    }

    /** Seconds of wall time for {@code threads} threads each predicting {@code perThread} inputs on {@code net}. */
    private static double wall(Network net, double[][] inputs, int perThread, int threads) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int offset = t * 997;
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
