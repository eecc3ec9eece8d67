package nnlang.runtime;

/**
 * A {@link CompiledNetwork}'s mini-batch on several threads divided by the neurons of its first node,
 * a dense layer that reads the whole input and holds most of the parameters (the class says so with
 * {@link CompiledNetwork#dividesByNeurons()}; the phases are in {@code package-info}, "Training on N
 * threads"). One copy of the network per thread, with arrays of its own: thread t holds only its
 * contiguous range of the first node's neurons (their weights, sums and state, in arrays that hold
 * nothing else) and runs the rest of the network whole, exactly as every other thread does. So no
 * parameter moves between the processors' caches while training; what moves is each batch's
 * first-node activations.
 *
 * <p>The network's own arrays lag behind while copies train: {@link #settle} writes each thread's
 * neurons of the first node, and the rest from thread 0, into them ({@link CompiledNetwork} does so
 * before anything reads them).
 */
final class NeuronShares implements BatchDivision {

    private final CompiledNetwork network;
    private final CompiledNetwork[] copies;
    private final int drawsPerSample;
    /** The largest batch the copies' banks were pointed for, 0 before the first. */
    private int pointedFor;
    /** Each copy's costs of the current batch's samples, in batch order (every copy computes the same). */
    private final double[][] costs;

    NeuronShares(CompiledNetwork network, int threads) {
        this.network = network;
        this.drawsPerSample = network.dropoutDrawsPerSample();
        this.copies = new CompiledNetwork[threads];
        this.costs = new double[threads][0];
        for (int t = 0; t < threads; t++) {
            copies[t] = network.bareCopy();
            copies[t].takeNeuronShare(network, t, threads);
        }
    }

    @Override
    public int size() {
        return copies.length;
    }

    @Override
    public boolean ownsParameters() {
        return true;
    }

    /**
     * Phase A: every thread reads the whole batch (and draws every dropout mask from the batch's first
     * position of the generator) and runs the first node's forward pass for its neurons. Then the
     * step's scalars, once. Phase B: every thread runs the rest of the network's forward passes, each
     * sample's cost and backward pass, and the gradient sums and update of its neurons of the first
     * node and of every other node. The costs, the same on every thread, are added to 0.0 in batch
     * order from thread 0's.
     */
    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay,
            TrainingThreads threads) {
        int n = copies.length;
        int m = to - from;
        if (network.prepareDividedBatch(m) || m > pointedFor) {
            for (CompiledNetwork copy : copies) {
                copy.pointBanks(network, m);
            }
            pointedFor = Math.max(pointedFor, m);
        }
        for (int t = 0; t < n; t++) {
            if (costs[t].length < m) {
                costs[t] = new double[m];
            }
        }
        long firstDraw = network.dropoutDraws();
        threads.runPinned(t -> {
            copies[t].setDropoutDraws(firstDraw);
            copies[t].forwardNeuronShare(data, order, from, to, t, n);
        });
        network.setDropoutDraws(firstDraw + (long) m * drawsPerSample);
        double[] step = network.beginStep(rate, m);
        threads.runPinned(t -> {
            copies[t].backpropagateWhole(m, costs[t]);
            copies[t].trainShare(m, t, n, step, decay);
        });
        double batchCost = 0.0;
        for (int r = 0; r < m; r++) {
            batchCost += costs[0][r];
        }
        return batchCost;
    }

    /** The network's parameters and per-parameter state: each thread's neurons of the first node, the rest thread 0's. */
    @Override
    public void settle() {
        for (int t = 0; t < copies.length; t++) {
            copies[t].giveNeuronShare(network, t, copies.length);
        }
    }
}
