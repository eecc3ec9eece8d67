package nnlang.runtime;

/**
 * A {@link CompiledNetwork}'s mini-batch on several threads, in the phases of {@code package-info}
 * ("Training on N threads"). Per thread two shallow copies of the network, which share its
 * parameters, gradient sums and optimizer state and have their own scratch space
 * ({@link #trainingCopy}): for phase A, a copy whose banks of per-sample arrays are
 * the network's arrays of the thread's contiguous range of the batch, so that its forward and
 * backward passes write each sample's values where phase B reads them; for phases B and C, a copy
 * whose banks are the whole batch's. When the class replicates nodes, the two copies of each thread
 * after the first share arrays of their own for those nodes' parameters, sums and state instead,
 * which every batch trains exactly as thread 0 trains the network's. When it chains nodes, each
 * share of phase B also adds its own samples' terms to their sums on its phase-A copy, in share
 * order, and the last share updates them. How many samples each thread's range holds, and how
 * large its parts of the parameters are, follow the threads' measured speeds ({@link ShareBalance},
 * one for phase A and one for B and C, which the phase-B copies' generated code reads).
 */
final class CompiledShares implements BatchDivision {

    private final CompiledNetwork network;
    private final CompiledNetwork[] samples;
    private final CompiledNetwork[] parameters;
    /** Whether the class replicates nodes ({@link CompiledNetwork#replicatesNodes()}). */
    private final boolean replicates;
    /** Whether the class chains nodes ({@link CompiledNetwork#chainsNodes()}). */
    private final boolean chains;
    /** The shares that have added their samples' terms to the chained nodes' sums in this batch's phase B. */
    private final java.util.concurrent.atomic.AtomicInteger chain = new java.util.concurrent.atomic.AtomicInteger();
    /** The dropout generator's draws per sample. */
    private final int drawsPerSample;
    /** The sizes of the threads' ranges of samples in phase A, and of their parts of the parameters in B and C. */
    private final ShareBalance sampleShares;
    private final ShareBalance parameterShares;
    /** Each share's nanoseconds in the phase under way. */
    private final long[] nanos;
    /** Where each thread's range of the batch starts, the batch's size last; the phase-A copies' banks hold those ranges. */
    private final int[] ranges;
    /**
     * The batch size the copies' banks were last pointed for, 0 before the first batch; they are
     * pointed again when it changes, and the phase-A copies' when the threads' ranges do. When the
     * network gets larger banks on one thread in between, the copies keep the older arrays: both
     * kinds of copy still share the same ones, which is all the phases need.
     */
    private int pointedFor;
    /** The current batch's per-sample costs, in batch order. */
    private double[] sampleCosts = new double[0];

    CompiledShares(CompiledNetwork network, int threads) {
        this.network = network;
        this.samples = new CompiledNetwork[threads];
        this.parameters = new CompiledNetwork[threads];
        this.replicates = network.replicatesNodes();
        this.chains = network.chainsNodes();
        this.sampleShares = new ShareBalance(threads);
        this.parameterShares = new ShareBalance(threads);
        this.nanos = new long[threads];
        this.ranges = new int[threads + 1];
        for (int t = 0; t < threads; t++) {
            CompiledNetwork base = t > 0 && replicates
                    ? BatchDivision.copyWithOwnArrays(network, CompiledNetwork::allocateReplicas)
                    : network;
            samples[t] = trainingCopy(base);
            parameters[t] = trainingCopy(base);
            parameters[t].balance = parameterShares;
        }
        this.drawsPerSample = network.dropoutDrawsPerSample();
    }

    /** A shallow copy of {@code network} that shares every array but has scratch space of its own, and predicts nowhere. */
    private static CompiledNetwork trainingCopy(CompiledNetwork network) {
        CompiledNetwork copy = network.bareCopy();
        copy.allocateTrainingScratch();
        return copy;
    }

    @Override
    public int size() {
        return samples.length;
    }

    /**
     * Whether threads after the first have replicated nodes' arrays of their own, which a write to the
     * network's arrays leaves behind.
     */
    @Override
    public boolean ownsParameters() {
        return replicates;
    }

    /** The balance of phase A's ranges of samples, then that of the parts of the parameters in phases B and C. */
    ShareBalance[] balances() {
        return new ShareBalance[] {sampleShares, parameterShares};
    }

    /** Thread 0 trains the network's own arrays, and every replica holds the same bits: nothing to settle. */
    @Override
    public void settle() {
    }

    /**
     * Phase A: thread t runs, on its copy, the dropout masks (each sample's from its own position of
     * the generator, as on one thread), the forward pass, the cost and the backward pass without
     * parameter gradients of its contiguous part of the batch. Then the step's scalars, once. Phases
     * B and C: thread t accumulates and updates its share of every node's parameters over all the
     * batch's samples in order, and adds its samples' terms to the chained nodes' sums after thread
     * t - 1 (thread 0 first of all). Then the costs are added to 0.0 in batch order. The batch is checked.
     *
     * @return the batch's cost
     */
    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay,
            TrainingThreads threads) {
        int n = samples.length;
        int m = to - from;
        boolean resized = network.prepareDividedBatch(m) || m != pointedFor;
        boolean moved = resized;
        for (int t = 0; t <= n; t++) {
            int start = sampleShares.start(m, t);
            moved |= start != ranges[t];
            ranges[t] = start;
        }
        for (int t = 0; t < n; t++) {
            if (moved) {
                samples[t].shareBanks(network, ranges[t], ranges[t + 1]);
            }
            if (resized) {
                parameters[t].shareBanks(network, 0, m);
            }
        }
        pointedFor = m;
        if (sampleCosts.length < m) {
            sampleCosts = new double[m];
        }
        double[] costs = sampleCosts;
        long firstDraw = network.dropoutDraws();
        threads.run(t -> {
            long start = System.nanoTime();
            int r0 = ranges[t];
            int r1 = ranges[t + 1];
            if (r1 > r0) {
                samples[t].setDropoutDraws(firstDraw + (long) r0 * drawsPerSample);
                samples[t].backpropagateShare(data, order, from + r0, from + r1, costs, r0);
            }
            nanos[t] = System.nanoTime() - start;
        });
        learn(threads, sampleShares, m);
        network.setDropoutDraws(firstDraw + (long) m * drawsPerSample);
        double[] step = network.beginStep(rate, m);
        if (chains) {
            chain.set(0);
            threads.run(t -> {
                long start = System.nanoTime();
                if (t == 0) {
                    chained(0, step, decay);
                }
                try {
                    parameters[t].trainShare(m, t, n, step, decay);
                } finally {
                    if (t > 0) {
                        start += chained(t, step, decay);
                    }
                }
                nanos[t] = System.nanoTime() - start;
            });
        } else {
            threads.run(t -> {
                long start = System.nanoTime();
                parameters[t].trainShare(m, t, n, step, decay);
                nanos[t] = System.nanoTime() - start;
            });
        }
        learn(threads, parameterShares, ShareBalance.WHOLE);
        double batchCost = 0.0;
        for (int r = 0; r < m; r++) {
            batchCost += costs[r];
        }
        return batchCost;
    }

    /**
     * Share t's part of the chained nodes' sums: once share t - 1 has handed them over, the terms of
     * t's samples, on t's phase-A copy, whose banks hold them; the last share then updates the nodes.
     * Hands the sums on even when it fails, so that no later share waits for ever.
     *
     * @return the nanoseconds it waited for share t - 1
     */
    private long chained(int t, double[] step, double decay) {
        long start = System.nanoTime();
        long waited = 0;
        try {
            while (chain.get() < t) {
                Thread.onSpinWait();
            }
            waited = System.nanoTime() - start;
            samples[t].trainChained(ranges[t + 1] - ranges[t], t, samples.length, step, decay);
        } finally {
            chain.set(t + 1);
        }
        return waited;
    }

    /**
     * Lets {@code balance} learn from the phase just run, of {@code length} things, when each share ran
     * on its own thread.
     */
    private void learn(TrainingThreads threads, ShareBalance balance, int length) {
        if (threads.ranOnOwnThreads()) {
            balance.learn(length, nanos);
        }
    }
}
