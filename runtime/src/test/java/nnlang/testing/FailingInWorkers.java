package nnlang.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nnlang.runtime.Samples;
import nnlang.runtime.TrainingThreads;

/**
 * Samples that fail on the training run's worker threads: reading an input on a thread named
 * {@link TrainingThreads#NAME_PREFIX}… throws the given exception, while the calling thread, before
 * it reads, waits (up to 10 seconds) for a worker to have failed, so that a worker certainly runs a
 * share and fails in it. Targets, and inputs on other threads, are the wrapped samples'.
 */
public final class FailingInWorkers implements Samples {
    private final Samples table;
    private final RuntimeException injected;
    private final CountDownLatch workerReads = new CountDownLatch(1);

    public FailingInWorkers(Samples table, RuntimeException injected) {
        this.table = table;
        this.injected = injected;
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public int inputSize() {
        return table.inputSize();
    }

    @Override
    public int targetSize() {
        return table.targetSize();
    }

    @Override
    public void input(int index, double[] dst) {
        if (Thread.currentThread().getName().startsWith(TrainingThreads.NAME_PREFIX)) {
            workerReads.countDown();
            throw injected;
        }
        try {
            workerReads.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        table.input(index, dst);
    }

    @Override
    public void target(int index, double[] dst) {
        table.target(index, dst);
    }
}
