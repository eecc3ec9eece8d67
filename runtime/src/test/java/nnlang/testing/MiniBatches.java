package nnlang.testing;

import java.util.Random;
import nnlang.model.Optimizer;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.TrainingThreads;

/**
 * The plainest SGD loop over a {@link Network}, for tests that compare back ends: each epoch
 * shuffles the sample order with one {@code Random(shuffleSeed)}, then trains on consecutive
 * mini-batches of the train block's size (the last one smaller when the size does not divide the
 * data set), with the optimizer's decay ({@link Optimizer#decay}).
 */
public final class MiniBatches {

    private MiniBatches() {}

    /**
     * Runs {@code epochs} epochs of {@code sgd} on {@code data}; modifies the network's parameters.
     * Returns the batch costs {@code trainBatch} returned, in order.
     */
    public static double[] train(Network network, Optimizer sgd, Samples data, int epochs, long shuffleSeed) {
        return train(network, sgd, data, epochs, shuffleSeed, null);
    }

    /**
     * {@link #train(Network, Optimizer, Samples, int, long)} with each batch trained on
     * {@code threads} ({@code trainBatch} with threads), or on the calling thread when null.
     */
    public static double[] train(Network network, Optimizer sgd, Samples data, int epochs, long shuffleSeed,
            TrainingThreads threads) {
        int n = data.size();
        int batches = (n + sgd.batch() - 1) / sgd.batch();
        double[] costs = new double[epochs * batches];
        int k = 0;
        double decay = sgd.decay(sgd.rate(), n);
        int[] order = inOrder(n);
        Random random = new Random(shuffleSeed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += sgd.batch()) {
                int to = Math.min(n, from + sgd.batch());
                costs[k++] = threads == null ? network.trainBatch(data, order, from, to, sgd.rate(), decay)
                        : network.trainBatch(data, order, from, to, sgd.rate(), decay, threads);
            }
        }
        return costs;
    }

    /** The identity order 0, 1, ..., n - 1. */
    public static int[] inOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
