package nnlang.runtime;

import java.util.stream.IntStream;

/**
 * Independent work over the indices {@code [0, n)}, split into contiguous ranges run on the common
 * fork-join pool and the calling thread: the predictions of a batch and the evaluation of a data
 * set, whose per-index results do not depend on the thread that computes them ({@code package-info},
 * "Threads").
 */
final class Parallel {

    /**
     * About this many multiply-adds are worth handing to another thread: at least a few hundred
     * microseconds of work, against the tens of microseconds a task's hand-over and wake-up cost.
     */
    static final long MIN_WORK_PER_TASK = 1L << 18;

    /** Ranges per thread, so that a thread slowed down by other work on the machine holds up little. */
    private static final int RANGES_PER_THREAD = 4;

    private Parallel() {}

    /** The work on the indices {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in contiguous ranges that cover it once: on the calling
     * thread alone when there is one processor or the work, {@code n · workPerIndex} multiply-adds,
     * is less than two tasks' worth; else in parallel, and returns when every range is done. An
     * exception of any range is thrown here.
     *
     * @param threads the threads to plan for (the calling thread one of them); 1 runs on the calling
     *                thread alone
     */
    static void forRanges(int n, long workPerIndex, int threads, Range body) {
        long work = (long) n * Math.max(1, workPerIndex);
        int tasks = (int) Math.min(Math.min(n, (long) threads * RANGES_PER_THREAD), work / MIN_WORK_PER_TASK);
        if (threads <= 1 || tasks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        IntStream.range(0, tasks).parallel()
                .forEach(t -> body.run((int) ((long) n * t / tasks), (int) ((long) n * (t + 1) / tasks)));
    }

    /** The processors of the machine: how many threads "all cores" means. */
    static int processors() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors();
    }

    /** {@link Network#predict(double[][])}: each input's own forward pass, in parallel when large. */
    static double[][] predict(Network network, double[][] inputs) {
        int outputs = network.outputSize();
        double[][] results = new double[inputs.length][];
        forRanges(inputs.length, network.parameterCount(), processors(), (from, to) -> {
            for (int s = from; s < to; s++) {
                double[] output = new double[outputs];
                network.predict(inputs[s], output);
                results[s] = output;
            }
        });
        return results;
    }
}
