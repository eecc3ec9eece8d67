package nnlang.benchmarks;

import static nnlang.benchmarks.ThreadsBenchmark.median;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nnlang.runtime.TrainingThreads;

/**
 * What this machine's two cores give, apart from any network: what a barrier and data moved
 * between the cores cost ({@link #handOver}), and how much faster two threads that share nothing
 * finish a piece of work than one ({@link #ceiling}), the best any division of a mini-batch can
 * do at that moment. Run by {@link ThreadsBenchmark} (parts {@code handover} and {@code ceiling}).
 */
final class CoresBenchmark {

    /** How long {@link #ceiling} measures. */
    private static final int CEILING_SECONDS = 20;
    /** Below this one-way latency the two threads ran on two hardware threads of one core ({@link #oneWay}). */
    private static final double SAME_CORE_NANOS = 25;

    /** Doubles written per round of {@link #handOver}: 1,024 cache lines of 64 bytes. */
    private static final int HANDED_OVER = 8_192;

    private CoresBenchmark() {}

    /**
     * What moving data between two cores costs on this machine, which decides which networks divide
     * their training (compiler/README.md, "Threads"): one phase of {@link TrainingThreads} on 2 threads
     * with nothing to do (the barrier a divided mini-batch crosses twice); and per cache line, the
     * time to add 1.0 to each of {@value #HANDED_OVER} doubles that the other thread has just read
     * (as a divided batch updates its part of the weights every thread read in its forward passes),
     * against the same after the writing thread read them itself. Medians of 11 rounds after 3.
     */
    static void handOver() throws InterruptedException {
        double[] barrier = new double[11];
        try (TrainingThreads team = new TrainingThreads(2)) {
            int phases = 100_000;
            for (int r = -3; r < barrier.length; r++) {
                long start = System.nanoTime();
                for (int k = 0; k < phases; k++) {
                    team.run(t -> { });
                }
                if (r >= 0) {
                    barrier[r] = (double) (System.nanoTime() - start) / phases;
                }
            }
        }
        System.out.printf("%-55s %8.0f ns%n", "an empty phase on 2 threads (the barrier)", median(barrier));
        double[] other = new double[11];
        double[] self = new double[11];
        for (int r = -3; r < other.length; r++) {
            double a = writeAfterRead(true);
            double b = writeAfterRead(false);
            if (r >= 0) {
                other[r] = a;
                self[r] = b;
            }
        }
        System.out.printf("%-55s %8.1f ns  (after this thread read it: %5.1f ns)%n",
                "a cache line written after the other thread read it", median(other), median(self));
    }

    /**
     * Nanoseconds per cache line of writing {@value #HANDED_OVER} doubles, 2,000 times, each time
     * after the other thread read them all ({@code otherReads}) or after this thread did; only the
     * writes are timed. The threads take turns through a volatile field.
     */
    private static double writeAfterRead(boolean otherReads) throws InterruptedException {
        double[] values = new double[HANDED_OVER];
        int times = 2_000;
        AtomicInteger turn = new AtomicInteger();
        double[] sink = new double[1];
        Thread reader = new Thread(() -> {
            double sum = 0.0;
            for (int k = 0; k < times; k++) {
                while (turn.get() != 2 * k) {
                    Thread.onSpinWait();
                }
                if (otherReads) {
                    for (double v : values) {
                        sum += v;
                    }
                }
                turn.set(2 * k + 1);
            }
            sink[0] = sum;
        });
        reader.start();
        long writing = 0;
        double sum = 0.0;
        for (int k = 0; k < times; k++) {
            while (turn.get() != 2 * k + 1) {
                Thread.onSpinWait();
            }
            if (!otherReads) {
                for (double v : values) {
                    sum += v;
                }
            }
            long start = System.nanoTime();
            for (int i = 0; i < values.length; i++) {
                values[i] += 1.0;
            }
            writing += System.nanoTime() - start;
            turn.set(2 * k + 2);
        }
        reader.join();
        if (sum + sink[0] == 42) {
            System.out.println();
        }
        return (double) writing / times / (HANDED_OVER / 8);
    }

    /**
     * The ceiling of any division on 2 threads: the same element-wise multiply and add swept over two
     * arrays, both by one thread, then one array by each of two threads at once (the second thread
     * started before the round and spinning until it begins, so that the one-thread sweeps run
     * beside an idle core). Nothing is shared, nothing waits but for the end, and the work is split
     * exactly in half, so a perfect division takes 0.5 of one thread's time; what it takes more is
     * what the machine's second core does not give at that moment. Arrays of 16 KB (in each core's
     * first-level cache) and of 256 KB (in its second level, as 784-30-10's weights); each round
     * does 80 million multiply-adds (about 6 ms on one thread) per size. What the two cores give
     * changes within seconds on a shared host, so the rounds (after 3) go on back to back for
     * {@value #CEILING_SECONDS} seconds, the order of the variants alternating, with no pause in which
     * the host could take a core away that training would keep busy, each after a probe of the
     * time a value takes between two threads ({@link #oneWay}); prints the median and quartiles of
     * the rounds' ratios, and their medians apart for the rounds on two hardware threads of one core.
     */
    static void ceiling() throws InterruptedException {
        int[] sizes = {2_048, 32_768};
        int most = 1 << 13;
        double[][] ratios = new double[sizes.length][most];
        double[] oneWay = new double[most];
        int rounds = 0;
        long end = Long.MAX_VALUE;
        for (int r = -3; System.nanoTime() < end && r < most; r++) {
            if (r == 0) {
                end = System.nanoTime() + CEILING_SECONDS * 1_000_000_000L;
            }
            double latency = oneWay(20_000);
            for (int k = 0; k < sizes.length; k++) {
                double ratio = round(sizes[k], (r & 1) == 0);
                if (r >= 0) {
                    ratios[k][r] = ratio;
                }
            }
            if (r >= 0) {
                oneWay[r] = latency;
            }
            rounds = Math.max(rounds, r + 1);
        }
        for (int k = 0; k < sizes.length; k++) {
            report(sizes[k] / 128 + " KB", Arrays.copyOf(ratios[k], rounds), oneWay);
        }
    }

    /**
     * One round of {@link #ceiling} over two new arrays of {@code doubles}, the one-thread sweeps
     * first or second: the two threads' wall time over the one thread's.
     */
    private static double round(int doubles, boolean oneFirst) throws InterruptedException {
        double[][] arrays = new double[2][doubles];
        for (double[] a : arrays) {
            Arrays.fill(a, 1.0);
        }
        int sweeps = 40_000_000 / doubles;
        long two = oneFirst ? 0 : twoAtOnce(arrays, sweeps);
        long start = System.nanoTime();
        sweep(arrays[0], sweeps);
        sweep(arrays[1], sweeps);
        long one = System.nanoTime() - start;
        if (oneFirst) {
            two = twoAtOnce(arrays, sweeps);
        }
        return (double) two / one;
    }

    /**
     * Prints the median and quartiles of the rounds' {@code ratios}, then their medians apart for the
     * rounds whose threads ran on two hardware threads of one core ({@code oneWay} below
     * {@link #SAME_CORE_NANOS}) and the others.
     */
    private static void report(String arrays, double[] ratios, double[] oneWay) {
        int rounds = ratios.length;
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf("%-55s %8.2f  (quartiles %.2f and %.2f of %d rounds; a perfect division 0.50)%n",
                "2 threads sharing nothing / 1 thread, " + arrays + " each", median(sorted), sorted[rounds / 4],
                sorted[3 * rounds / 4], rounds);
        double[] near = new double[rounds];
        double[] far = new double[rounds];
        int n = 0;
        int f = 0;
        for (int r = 0; r < rounds; r++) {
            if (oneWay[r] < SAME_CORE_NANOS) {
                near[n++] = ratios[r];
            } else {
                far[f++] = ratios[r];
            }
        }
        System.out.printf("  %d rounds whose threads passed a value in under %.0f ns (two hardware threads of one core):"
                + " %s; the other %d: %s%n", n, SAME_CORE_NANOS, medianOf(near, n), f, medianOf(far, f));
    }

    /** The median of {@code values[0 .. count)} with two decimals, or "-" for none. */
    private static String medianOf(double[] values, int count) {
        return count == 0 ? "-" : String.format("%.2f", median(Arrays.copyOf(values, count)));
    }

    /**
     * Nanoseconds for a value written by one thread to be seen by the other, from {@code trips}
     * round trips through a volatile field: about 15 ns between two hardware threads of one core on
     * this project's machine, 30 to 40 ns between two of its cores, 150 or more between far ones.
     */
    private static double oneWay(int trips) throws InterruptedException {
        AtomicLong ball = new AtomicLong();
        Thread other = new Thread(() -> {
            for (long k = 1; k < 2L * trips; k += 2) {
                while (ball.get() != k) {
                    Thread.onSpinWait();
                }
                ball.set(k + 1);
            }
        }, "nnlang-ping");
        other.start();
        long start = System.nanoTime();
        for (long k = 0; k < 2L * trips; k += 2) {
            while (ball.get() != k) {
                Thread.onSpinWait();
            }
            ball.set(k + 1);
        }
        while (ball.get() != 2L * trips) {
            Thread.onSpinWait();
        }
        long wall = System.nanoTime() - start;
        other.join();
        return wall / (2.0 * trips);
    }

    /** Nanoseconds from the start of both threads' sweeps to the end of the later one. */
    private static long twoAtOnce(double[][] arrays, int sweeps) throws InterruptedException {
        AtomicInteger state = new AtomicInteger();
        Thread other = new Thread(() -> {
            state.set(1);
            while (state.get() != 2) {
                Thread.onSpinWait();
            }
            sweep(arrays[1], sweeps);
            state.set(3);
        }, "nnlang-ceiling");
        other.start();
        while (state.get() != 1) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        state.set(2);
        sweep(arrays[0], sweeps);
        while (state.get() != 3) {
            Thread.onSpinWait();
        }
        long wall = System.nanoTime() - start;
        other.join();
        return wall;
    }

    /** {@code sweeps} times y[i] = y[i] · 0.999999 + 1e-9 for every i: C2 vectorises it. */
    private static void sweep(double[] y, int sweeps) {
        for (int s = 0; s < sweeps; s++) {
            for (int i = 0; i < y.length; i++) {
                y[i] = y[i] * 0.999999 + 1e-9;
            }
        }
    }
}
