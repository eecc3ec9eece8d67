package nnlang.runtime;

/**
 * How a {@link CompiledNetwork} trains a mini-batch on several threads, with the bits of one thread:
 * by samples and parameter parts over copies that share its arrays ({@link CompiledShares}), or by
 * the neurons of its first node over copies with arrays of their own ({@link NeuronShares}).
 */
interface BatchDivision {

    /** The number of threads it divides a batch between. */
    int size();

    /** One mini-batch on {@code threads}, checked by the caller; returns its cost. */
    double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay, TrainingThreads threads);

    /**
     * Whether copies train arrays of their own: a write to the network's arrays leaves them behind,
     * so the network drops this division, and the network's arrays may lag behind them until
     * {@link #settle}.
     */
    boolean ownsParameters();

    /** Copies what the copies trained into the network's parameters and optimizer state. */
    void settle();

    /**
     * A copy of {@code network} that shares its arrays but for those {@code allocate} gives it anew,
     * which then hold the network's parameters and optimizer state: the copy of a division that
     * trains arrays of its own.
     */
    static CompiledNetwork copyWithOwnArrays(CompiledNetwork network, java.util.function.Consumer<CompiledNetwork> allocate) {
        double[] parameters = new double[network.parameterCount()];
        network.readParameters(parameters);
        double[] state = new double[network.stateSlots() * network.parameterCount()];
        network.readState(state);
        CompiledNetwork copy = network.bareCopy();
        allocate.accept(copy);
        copy.writeParameters(parameters);
        copy.writeState(state);
        return copy;
    }
}
