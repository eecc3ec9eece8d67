package nnlang.spark;

import java.io.Serializable;
import java.util.Optional;
import nnlang.runtime.ConfusionMatrix;
import nnlang.runtime.Evaluation;
import nnlang.runtime.Network;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * What an executor computes on its block: the functions Spark ships to the tasks, each a pure
 * function of the block and the round's broadcast parameters, so that a task that fails and runs
 * again gives the same bits.
 */
final class ShardTasks {

    private ShardTasks() {}

    /**
     * One shard's part of a round: its gradient sum and its cost, as {@link Network#gradient} gives
     * them; no gradient when the shard is empty (a last mini-batch smaller than the shard count).
     */
    record ShardGradient(double cost, double[] gradient) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** How one block did: an {@link Evaluation} that can travel. */
    record EvaluationPart(int size, int correct, double cost, ConfusionMatrix confusion) implements Serializable {
        private static final long serialVersionUID = 1L;

        Evaluation evaluation(Evaluation.DataSet set) {
            return new Evaluation(set, size, correct, cost, Optional.ofNullable(confusion));
        }
    }

    /** Shard k's gradient for mini-batch {@code batch}, computed on the run of block k that holds it. */
    static final class Gradient implements Function<ShardBlock, ShardGradient> {
        private static final long serialVersionUID = 1L;

        private final NetworkSource source;
        private final String backEnd;
        private final Broadcast<double[]> parameters;
        private final ShardLayout layout;
        private final int batch;

        Gradient(NetworkSource source, String backEnd, Broadcast<double[]> parameters, ShardLayout layout, int batch) {
            this.source = source;
            this.backEnd = backEnd;
            this.parameters = parameters;
            this.layout = layout;
            this.batch = batch;
        }

        @Override
        public ShardGradient call(ShardBlock block) {
            int size = layout.size(block.shard(), batch);
            if (size == 0) {
                return new ShardGradient(0.0, null);
            }
            int start = layout.start(block.shard(), batch);
            if (start + size > block.size()) {
                throw new IllegalStateException("block " + block.shard() + " holds " + block.size()
                        + " samples, not the " + size + " from " + start + " of mini-batch " + batch);
            }
            ExecutorNetworks.Prepared prepared = ExecutorNetworks.of(source, backEnd);
            Network network = prepared.borrow();
            try {
                network.setParameters(parameters.value());
                double[] gradient = new double[network.parameterCount()];
                double cost = network.gradient(block.samples(), block.order(), start, start + size, gradient);
                return new ShardGradient(cost, gradient);
            } finally {
                prepared.release(network);
            }
        }
    }

    /** The network with the broadcast parameters on every sample of a block. */
    static final class Evaluate implements Function<ShardBlock, EvaluationPart> {
        private static final long serialVersionUID = 1L;

        private final NetworkSource source;
        private final String backEnd;
        private final Broadcast<double[]> parameters;

        Evaluate(NetworkSource source, String backEnd, Broadcast<double[]> parameters) {
            this.source = source;
            this.backEnd = backEnd;
            this.parameters = parameters;
        }

        @Override
        public EvaluationPart call(ShardBlock block) {
            if (block.size() == 0) {
                return new EvaluationPart(0, 0, 0.0, null);
            }
            ExecutorNetworks.Prepared prepared = ExecutorNetworks.of(source, backEnd);
            Network network = prepared.borrow();
            try {
                network.setParameters(parameters.value());
                Evaluation e = prepared.evaluator.evaluate(network, block.samples(), Evaluation.DataSet.TRAINING);
                return new EvaluationPart(e.size(), e.correct(), e.cost(), e.confusion().orElse(null));
            } finally {
                prepared.release(network);
            }
        }
    }
}
