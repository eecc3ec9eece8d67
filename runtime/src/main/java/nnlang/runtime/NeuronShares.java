package nnlang.runtime;

/**
 * A {@link CompiledNetwork}'s mini-batch on several threads divided by the neurons of its first node,
 * a dense layer that reads the whole input and holds most of the parameters (the class says so with
 * {@link CompiledNetwork#dividesByNeurons()}; the phases are in {@code package-info}, "Training on N
 * threads"). One copy of the network per thread, with arrays of its own: thread t reads and writes
 * only its contiguous range of the first node's neurons (their weights, sums and state, in no cache
 * line another thread writes) and runs the rest of the network whole, exactly as every other thread
 * does. So no parameter moves between the processors' caches while training; what moves is each
 * batch's first-node activations.
 *
 * <p>The network's own arrays lag behind while copies train: {@link #settle} copies each thread's
 * neurons of the first node, and the rest from thread 0, into them ({@link CompiledNetwork} does so
 * before anything reads them).
 */
final class NeuronShares implements BatchDivision {

    private final CompiledNetwork network;
    private final CompiledNetwork[] copies;
    /** The first node's neurons and fan-in: its weights are flat parameters [0, neurons · fanIn), its biases the next neurons. */
    private final int neurons;
    private final int fanIn;
    private final int drawsPerSample;
    /** The largest batch the copies' banks were pointed for, 0 before the first. */
    private int pointedFor;
    /** Each copy's costs of the current batch's samples, in batch order (every copy computes the same). */
    private final double[][] costs;

    NeuronShares(CompiledNetwork network, int threads) {
        this.network = network;
        ParameterLayout.NodeBlocks first = network.layout().nodes().get(0);
        this.neurons = first.blocks().get(1).size();
        this.fanIn = first.blocks().get(0).size() / neurons;
        this.drawsPerSample = network.dropoutDrawsPerSample();
        this.copies = new CompiledNetwork[threads];
        this.costs = new double[threads][0];
        for (int t = 0; t < threads; t++) {
            copies[t] = BatchDivision.copyWithOwnArrays(network, CompiledNetwork::allocateOwnArrays);
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

    /** The network's parameters and per-parameter state: thread 0's, with each thread's neurons of the first node its own. */
    @Override
    public void settle() {
        int count = network.parameterCount();
        double[] parameters = new double[count];
        double[] state = new double[network.optimizerStateSize()];
        copies[0].readParameters(parameters);
        copies[0].readState(state);
        double[] mine = new double[count];
        double[] myState = new double[state.length];
        int slots = network.stateSlots();
        for (int t = 1; t < copies.length; t++) {
            copies[t].readParameters(mine);
            copies[t].readState(myState);
            int j0 = TrainingThreads.partStart(neurons, t, copies.length);
            int j1 = TrainingThreads.partStart(neurons, t + 1, copies.length);
            for (int slot = 0; slot <= slots; slot++) {
                double[] src = slot == 0 ? mine : myState;
                double[] dst = slot == 0 ? parameters : state;
                int base = slot == 0 ? 0 : (slot - 1) * count;
                System.arraycopy(src, base + j0 * fanIn, dst, base + j0 * fanIn, (j1 - j0) * fanIn);
                System.arraycopy(src, base + neurons * fanIn + j0, dst, base + neurons * fanIn + j0, j1 - j0);
            }
        }
        network.writeParameters(parameters);
        network.writeState(state);
    }
}
