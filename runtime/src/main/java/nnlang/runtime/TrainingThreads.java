package nnlang.runtime;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one training run: the calling thread and {@code size() - 1} threads started once,
 * named {@code nnlang-train-1}, {@code nnlang-train-2}, …, that run the phases of each mini-batch
 * together ({@link Network#trainBatch(Samples, int[], int, int, double, double, TrainingThreads)};
 * the division of the work is in {@code package-info}, "Training on N threads").
 *
 * <p>{@link #run} is a phase barrier without locks: the calling thread publishes the phase through
 * a volatile generation counter, runs its own share, then waits until every worker has written the
 * generation it finished into its own volatile field. Workers wait for the next phase by spinning,
 * then yielding, then parking for short intervals, so that a run between mini-batches costs no
 * system call, and a pause (an evaluation between epochs) costs little processor time. Each
 * volatile write and the read that sees it order everything before and after them, so what a phase
 * writes is seen by every thread in the next.
 *
 * <p>An exception in any thread's share ends the phase for all, closes the threads and is thrown by
 * {@link #run} on the calling thread, the same exception object (wrapped only when it is a checked
 * exception, which a phase cannot throw). {@link #close} stops the workers and waits for them.
 */
public final class TrainingThreads implements AutoCloseable {

    /** One thread's share of a phase. */
    @FunctionalInterface
    public interface Phase {
        /** Runs share {@code thread} of the phase: 0 on the calling thread, 1 .. size-1 on the workers. */
        void run(int thread);
    }

    /** The name of worker {@code k}, as {@code jstack} shows it. */
    public static final String NAME_PREFIX = "nnlang-train-";

    /** Busy-wait iterations before a waiting thread starts yielding, and yields before it parks. */
    private static final int SPINS = 1 << 11;
    private static final int YIELDS = 1 << 8;
    private static final long PARK_NANOS = 50_000;

    private final Thread[] threads;
    private final Worker[] workers;
    /** Whether every share runs on the calling thread, one after the other (no worker started). */
    private final boolean sequential;
    private volatile Phase phase;
    private volatile int generation;
    private volatile boolean closed;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Starts {@code size - 1} worker threads (none for 1). */
    public TrainingThreads(int size) {
        this(size, false);
    }

    private TrainingThreads(int size, boolean sequential) {
        if (size < 1) {
            throw new IllegalArgumentException("training needs at least one thread, not " + size);
        }
        this.sequential = sequential;
        this.threads = new Thread[sequential ? 1 : size];
        this.workers = new Worker[size];
        for (int t = 1; t < threads.length; t++) {
            Worker w = new Worker(t);
            workers[t] = w;
            threads[t] = new Thread(w, NAME_PREFIX + t);
            threads[t].setDaemon(true);
        }
        for (int t = 1; t < threads.length; t++) {
            threads[t].start();
        }
    }

    /**
     * {@code shares} shares run one after the other on the calling thread, no thread started: the
     * work divided as on {@code shares} threads, to measure what dividing it costs apart from
     * running it in parallel.
     */
    public static TrainingThreads sequential(int shares) {
        return new TrainingThreads(shares, true);
    }

    /** The number of shares of each phase: the number of threads, the calling one included. */
    public int size() {
        return workers.length;
    }

    /**
     * Runs {@code p} on every thread, share 0 on the calling one, and returns when every share is
     * done: the barrier between two phases.
     *
     * @throws IllegalStateException when the threads are closed
     * @throws RuntimeException      or Error: the first failure of any share, after which the threads are
     *                               closed
     */
    public void run(Phase p) {
        if (closed) {
            throw new IllegalStateException("the training threads are closed");
        }
        if (sequential) {
            for (int t = 0; t < workers.length; t++) {
                p.run(t);
            }
            return;
        }
        phase = p;
        int gen = generation + 1;
        generation = gen;
        try {
            p.run(0);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        for (int t = 1; t < workers.length; t++) {
            Worker w = workers[t];
            int waited = 0;
            while (w.finished != gen) {
                waited = pause(waited);
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            close();
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    /** Stops the workers and waits until they have ended; a second call does nothing. */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        for (int t = 1; t < threads.length; t++) {
            LockSupport.unpark(threads[t]);
            while (threads[t].isAlive()) {
                try {
                    threads[t].join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One step of waiting, after {@code waited} steps: spin, then yield, then park briefly. */
    private static int pause(int waited) {
        if (waited < SPINS) {
            Thread.onSpinWait();
        } else if (waited < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
            return waited;
        }
        return waited + 1;
    }

    private final class Worker implements Runnable {
        private final int index;
        /** The generation of the last phase this worker finished. */
        private volatile int finished;

        Worker(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int gen;
                int waited = 0;
                while ((gen = generation) == seen) {
                    if (closed) {
                        return;
                    }
                    waited = pause(waited);
                }
                seen = gen;
                try {
                    phase.run(index);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                finished = gen;
            }
        }
    }
}
