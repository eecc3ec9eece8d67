package nnlang.runtime;

import java.util.function.IntFunction;

/**
 * An {@link Interpreter}'s mini-batch on several threads, in the phases of {@code package-info}
 * ("Training on N threads"): one shard per thread, an interpreter that shares the parameters, the
 * gradient sums and the optimizer state of the one it serves and has buffers of its own for its
 * part of the batch.
 */
final class InterpreterShards {

    private final InterpretedNode[] nodes;
    private final Interpreter[] shards;
    /** shardNodes[k][t]: node k of shard t. */
    private final InterpretedNode[][] shardNodes;
    /** Per shard, the rows of the current batch it holds. */
    private final int[] shardRows;
    /** The current batch's per-sample costs, in batch order. */
    private double[] sampleCosts = new double[0];

    /**
     * @param nodes  the served interpreter's nodes, which hold the parameters
     * @param shards the number of threads
     * @param shard  makes shard t
     */
    InterpreterShards(InterpretedNode[] nodes, int shards, IntFunction<Interpreter> shard) {
        this.nodes = nodes;
        this.shards = new Interpreter[shards];
        this.shardNodes = new InterpretedNode[nodes.length][shards];
        for (int t = 0; t < shards; t++) {
            this.shards[t] = shard.apply(t);
            for (int k = 0; k < nodes.length; k++) {
                shardNodes[k][t] = this.shards[t].nodes()[k];
            }
        }
        this.shardRows = new int[shards];
    }

    int size() {
        return shards.length;
    }

    /**
     * Phase A: each thread t runs, on shard t, the dropout masks (each sample's from its own
     * position of the generator, as on one thread), the forward pass, the samples' costs and the
     * backward pass without parameter gradients of its contiguous part of the batch (checked by the
     * caller).
     * Phases B and C: each thread accumulates and updates its part of every node's parameters over
     * all the batch's samples in order. Then the costs are added to 0.0 in batch order.
     *
     * @param scalars        the step's scalars, {@link UpdateRule#begin} computed by the caller
     * @param firstDraw      the dropout generator's position at the batch's first sample
     * @param drawsPerSample the generator's draws per sample (0 when no node drops out)
     * @return the batch's cost
     */
    double trainBatch(Samples data, int[] order, int from, int to, UpdateRule rule, double[] scalars, double decay,
            TrainingThreads threads, long firstDraw, int drawsPerSample) {
        int n = shards.length;
        int m = to - from;
        if (sampleCosts.length < m) {
            sampleCosts = new double[m];
        }
        double[] costs = sampleCosts;
        threads.run(t -> {
            int r0 = TrainingThreads.partStart(m, t, n);
            int r1 = TrainingThreads.partStart(m, t + 1, n);
            shardRows[t] = r1 - r0;
            if (r1 > r0) {
                shards[t].backpropagateWithoutParameterGradients(data, order, from + r0, from + r1, costs, r0,
                        firstDraw + (long) r0 * drawsPerSample);
            }
        });
        threads.run(t -> {
            for (int k = 0; k < nodes.length; k++) {
                nodes[k].trainShare(shardNodes[k], shardRows, t, n, rule, scalars, decay);
            }
        });
        double batchCost = 0.0;
        for (int r = 0; r < m; r++) {
            batchCost += costs[r];
        }
        return batchCost;
    }
}
