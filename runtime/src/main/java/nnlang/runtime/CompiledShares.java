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
 * order, and the last share updates them.
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
    /**
     * The batch size the copies' banks were last pointed for, 0 before the first batch. When the
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
        for (int t = 0; t < threads; t++) {
            CompiledNetwork base = t > 0 && replicates
                    ? BatchDivision.copyWithOwnArrays(network, CompiledNetwork::allocateReplicas)
                    : network;
            samples[t] = trainingCopy(base);
            parameters[t] = trainingCopy(base);
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
        if (network.prepareDividedBatch(m) || m != pointedFor) {
            for (int t = 0; t < n; t++) {
                samples[t].shareBanks(network, TrainingThreads.partStart(m, t, n), TrainingThreads.partStart(m, t + 1, n));
                parameters[t].shareBanks(network, 0, m);
            }
            pointedFor = m;
        }
        if (sampleCosts.length < m) {
            sampleCosts = new double[m];
        }
        double[] costs = sampleCosts;
        long firstDraw = network.dropoutDraws();
        threads.run(t -> {
            int r0 = TrainingThreads.partStart(m, t, n);
            int r1 = TrainingThreads.partStart(m, t + 1, n);
            if (r1 > r0) {
                samples[t].setDropoutDraws(firstDraw + (long) r0 * drawsPerSample);
                samples[t].backpropagateShare(data, order, from + r0, from + r1, costs, r0);
            }
        });
        network.setDropoutDraws(firstDraw + (long) m * drawsPerSample);
        double[] step = network.beginStep(rate, m);
        if (chains) {
            chain.set(0);
            threads.run(t -> {
                if (t == 0) {
                    chained(0, m, step, decay);
                }
                try {
                    parameters[t].trainShare(m, t, n, step, decay);
                } finally {
                    if (t > 0) {
                        chained(t, m, step, decay);
                    }
                }
            });
        } else {
            threads.run(t -> parameters[t].trainShare(m, t, n, step, decay));
        }
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
     */
    private void chained(int t, int m, double[] step, double decay) {
        try {
            while (chain.get() < t) {
                Thread.onSpinWait();
            }
            int n = samples.length;
            int count = TrainingThreads.partStart(m, t + 1, n) - TrainingThreads.partStart(m, t, n);
            samples[t].trainChained(count, t, n, step, decay);
        } finally {
            chain.set(t + 1);
        }
    }
}
