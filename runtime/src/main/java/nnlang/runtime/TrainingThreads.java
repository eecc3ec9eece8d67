package nnlang.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one training run: the calling thread and {@code size() - 1} threads started once,
 * named {@code nnlang-train-1}, {@code nnlang-train-2}, …, that run the phases of each mini-batch
 * together ({@link Network#trainBatch(Samples, int[], int, int, double, double, TrainingThreads)};
 * the division of the work is in {@code package-info}, "Training on N threads").
 *
 * <p>A phase has {@link #size()} shares. {@link #run} is a phase barrier without locks: the calling
 * thread publishes the phase as a new round (a volatile field), then every thread, the calling one
 * too, claims the round's shares one at a time from an atomic counter and runs them, and the calling
 * thread returns when the round's count of finished shares reaches the number of shares. Which
 * thread runs a share changes nothing: a share's work is fixed by its index. So a worker that the
 * operating system has not scheduled yet delays nothing: the others run its shares. A pinned round
 * ({@link #runPinned}) runs share k on thread k instead, for work whose data should stay in one
 * processor's caches from round to round. Workers wait for the next round by spinning, then
 * yielding for up to 10 ms, then parking for 1 ms at a time, so that a round between mini-batches
 * costs no system call, a thread that waits out an uneven phase is not parked when the next one
 * starts, and a pause (an evaluation between epochs) costs little processor time. (With about 0.2
 * ms of yields, a worker parked 920 times in 4,500 mini-batches of the conv example on 2 threads;
 * with 10 ms, 80 times, all while the JIT compiled.) Each atomic update and the read that sees it
 * order everything before and after them, so what one phase writes is seen by every thread in the
 * next.
 *
 * <p>An exception in any share ends the phase, closes the threads and is thrown by {@link #run} on
 * the calling thread, the same exception object (wrapped only when it is a checked exception, which
 * a phase cannot throw). {@link #close} stops the workers and waits for them.
 */
public final class TrainingThreads implements AutoCloseable {

    /** The work of one share of a phase. */
    @FunctionalInterface
    public interface Phase {
        /** Runs share {@code share} of the phase, 0 .. size-1, on whichever thread claimed it. */
        void run(int share);
    }

    /**
     * Where share {@code share} of {@code shares} of {@code length} things starts (and share - 1
     * ends): ⌊length · share / shares⌋, so the shares are contiguous, in order, and differ in size by
     * at most one. Every division of a phase's work (samples, rows, columns, filters) uses it.
     */
    public static int partStart(int length, int share, int shares) {
        return (int) ((long) length * share / shares);
    }

    /** The name of worker {@code k}, as {@code jstack} shows it. */
    public static final String NAME_PREFIX = "nnlang-train-";

    /** Busy-wait iterations before a waiting thread starts yielding, and how long it yields before it parks. */
    private static final int SPINS = 1 << 11;
    private static final long YIELD_NANOS = 10_000_000;
    private static final long PARK_NANOS = 1_000_000;

    /**
     * One phase: its work, whether each share runs on its own thread, the next share to claim, the
     * shares finished, and the thread that ran each share.
     */
    private static final class Round {
        final Phase phase;
        final boolean pinned;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final int[] ranOn;

        Round(Phase phase, boolean pinned, int shares) {
            this.phase = phase;
            this.pinned = pinned;
            this.ranOn = new int[shares];
        }
    }

    private final int shares;
    private final Thread[] workers;
    /** Whether every share runs on the calling thread, one after the other (no worker started). */
    private final boolean sequential;
    private volatile Round current;
    private volatile boolean closed;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Starts {@code size - 1} worker threads (none for 1); each phase has {@code size} shares. */
    public TrainingThreads(int size) {
        this(size, false);
    }

    private TrainingThreads(int size, boolean sequential) {
        if (size < 1) {
            throw new IllegalArgumentException("training needs at least one thread, not " + size);
        }
        this.shares = size;
        this.sequential = sequential;
        this.workers = new Thread[sequential ? 0 : size - 1];
        for (int t = 0; t < workers.length; t++) {
            int self = t + 1;
            workers[t] = new Thread(() -> work(self), NAME_PREFIX + self);
            workers[t].setDaemon(true);
        }
        for (Thread w : workers) {
            w.start();
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
        return shares;
    }

    /**
     * Runs every share of {@code p}, on this thread and the workers, and returns when all are done:
     * the barrier between two phases.
     *
     * @throws IllegalStateException when the threads are closed
     * @throws RuntimeException      or Error: the first failure of any share, after which the threads are
     *                               closed
     */
    public void run(Phase p) {
        run(p, false);
    }

    /**
     * {@link #run}, but share k runs on thread k (share 0 on the calling thread, share k on
     * {@code nnlang-train-k}): for work whose data stay in one processor's caches from phase to phase
     * when the same thread runs the same share. A thread that the operating system has not scheduled
     * delays the phase until it runs.
     */
    public void runPinned(Phase p) {
        run(p, true);
    }

    private void run(Phase p, boolean pinned) {
        if (closed) {
            throw new IllegalStateException("the training threads are closed");
        }
        if (sequential) {
            for (int s = 0; s < shares; s++) {
                p.run(s);
            }
            return;
        }
        Round round = new Round(p, pinned, shares);
        current = round;
        claim(round, 0);
        int waited = 0;
        long since = System.nanoTime();
        while (round.finished.get() < shares) {
            waited = pause(waited, since);
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

    /**
     * Runs thread {@code self}'s share of a pinned round; else claims and runs shares of {@code round}
     * until none is left.
     */
    private void claim(Round round, int self) {
        if (round.pinned) {
            runShare(round, self, self);
            return;
        }
        int s;
        while ((s = round.next.getAndIncrement()) < shares) {
            runShare(round, s, self);
        }
    }

    private void runShare(Round round, int s, int self) {
        round.ranOn[s] = self;
        try {
            round.phase.run(s);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        round.finished.incrementAndGet();
    }

    /**
     * Whether each share of the last phase {@link #run} ran on the thread of its index (share 0 on the
     * calling thread, share k on {@code nnlang-train-k}), as a pinned phase's do: then the shares'
     * durations tell the threads' speeds apart ({@link ShareBalance}). False when the shares run one
     * after the other on the calling thread ({@link #sequential}), and before the first phase.
     */
    boolean ranOnOwnThreads() {
        Round round = current;
        if (sequential || round == null) {
            return false;
        }
        for (int s = 0; s < shares; s++) {
            if (round.ranOn[s] != s) {
                return false;
            }
        }
        return true;
    }

    /** Worker {@code self}: waits for each new round and claims its shares, until closed. */
    private void work(int self) {
        Round seen = null;
        while (true) {
            Round round;
            int waited = 0;
            long since = System.nanoTime();
            while ((round = current) == seen) {
                if (closed) {
                    return;
                }
                waited = pause(waited, since);
            }
            seen = round;
            claim(round, self);
        }
    }

    /** Stops the workers and waits until they have ended; a second call does nothing. */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        for (Thread w : workers) {
            LockSupport.unpark(w);
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One step of a wait that began at {@code since} ({@link System#nanoTime}), after {@code waited}
     * steps: spin, then yield until {@link #YIELD_NANOS} have passed, then park briefly.
     */
    private static int pause(int waited, long since) {
        if (waited < SPINS) {
            Thread.onSpinWait();
        } else if (System.nanoTime() - since < YIELD_NANOS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
            return waited;
        }
        return waited + 1;
    }
}
