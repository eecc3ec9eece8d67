package nnlang.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import nnlang.model.NetworkModel;
import nnlang.runtime.Evaluation;
import nnlang.runtime.Evaluator;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.Shards;
import nnlang.runtime.TrainingSteps;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The trainer's steps on a cluster: the samples live on the executors; the driver holds the network,
 * its parameters and its optimizer's state.
 *
 * <p>Each epoch, once its order is fixed ({@link #startEpoch}), every sample is sent to the
 * partition of its shard ({@link ShardLayout}: partition k holds shard k of every mini-batch, in
 * order), one shuffle of the data per epoch, and the blocks are kept in the executors' memory.
 * Each mini-batch is then one round, a job of one task per shard that reads one run of its block
 * in place: the parameters are broadcast, each task computes its shard's gradient with the
 * executor's instance of the network ({@link ExecutorNetworks}), the driver collects the shards'
 * sums in partition order, which is shard order whatever order the tasks finish in, adds them
 * ({@link Shards#add}) and takes the optimizer's step. That is the sharded canonical order, so the
 * parameters are those of a local run in the same number of shards, bit for bit.
 *
 * <p>Held-out sets are evaluated on the driver, as locally; without them the training set is
 * evaluated where its blocks are ({@link Evaluation#combine}).
 */
final class SparkSteps implements TrainingSteps, AutoCloseable {

    private final JavaSparkContext context;
    private final NetworkSource source;
    private final String backEnd;
    private final JavaRDD<Sample> samples;
    private final int size;
    private final int inputSize;
    private final int targetSize;
    private final ShardLayout layout;
    private final Evaluator evaluator;
    private final Optional<Samples> validation;
    private final Optional<Samples> test;
    private JavaRDD<ShardBlock> blocks;
    private Broadcast<int[]> positions;
    private long roundNanos;
    private int rounds;
    private long layoutNanos;
    private int layouts;

    /**
     * @param samples the training samples, numbered 0 … size-1, persisted by the caller and
     *                unpersisted by {@link #close}
     */
    SparkSteps(JavaSparkContext context, NetworkSource source, String backEnd, JavaRDD<Sample> samples, int size,
            int shards, Evaluator evaluator, Optional<Samples> validation, Optional<Samples> test) {
        this.context = context;
        this.source = source;
        this.backEnd = backEnd;
        this.samples = samples;
        this.size = size;
        NetworkModel model = source.model();
        this.inputSize = model.inputSize();
        this.targetSize = model.outputSize();
        this.layout = new ShardLayout(size, model.train().orElseThrow().optimizer().batch(), shards);
        this.evaluator = evaluator;
        this.validation = validation;
        this.test = test;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void startEpoch(int[] order) {
        long start = System.nanoTime();
        int[] position = new int[size];
        for (int p = 0; p < size; p++) {
            position[order[p]] = p;
        }
        Broadcast<int[]> next = context.broadcast(position);
        JavaRDD<ShardBlock> laidOut = layOut(samples, next, layout, inputSize, targetSize)
                .persist(StorageLevel.MEMORY_AND_DISK());
        laidOut.count();
        if (blocks != null) {
            blocks.unpersist(false);
            positions.destroy();
        }
        blocks = laidOut;
        positions = next;
        layoutNanos += System.nanoTime() - start;
        layouts++;
    }

    /** Every sample keyed by its position, sent to its shard's partition, sorted, and made one block. */
    private static JavaRDD<ShardBlock> layOut(JavaRDD<Sample> samples, Broadcast<int[]> positions, ShardLayout layout,
            int inputSize, int targetSize) {
        return samples.mapToPair(s -> new Tuple2<>(positions.value()[s.index()], s))
                .repartitionAndSortWithinPartitions(layout)
                .mapPartitionsWithIndex((k, sorted) -> List.of(ShardBlock.of(k, sorted, inputSize, targetSize))
                        .iterator(), true);
    }

    @Override
    public double train(Network network, int[] order, int from, int to, double rate, double decay) {
        int index = from / layout.batch();
        if (from != index * layout.batch() || to - from != layout.batchSize(index)) {
            throw new IllegalArgumentException("positions " + from + " to " + to + " are not mini-batch " + index);
        }
        long start = System.nanoTime();
        Broadcast<double[]> parameters = context.broadcast(network.parameters());
        List<ShardTasks.ShardGradient> parts;
        try {
            parts = blocks.map(new ShardTasks.Gradient(source, backEnd, parameters, layout, index)).collect();
        } finally {
            parameters.destroy();
        }
        double[] sum = new double[network.parameterCount()];
        double cost = 0.0;
        for (ShardTasks.ShardGradient part : parts) {
            if (part.gradient() != null) {
                Shards.add(sum, part.gradient());
                cost += part.cost();
            }
        }
        network.applyGradient(sum, to - from, rate, decay);
        roundNanos += System.nanoTime() - start;
        rounds++;
        return cost;
    }

    @Override
    public boolean validates() {
        return validation.isPresent();
    }

    @Override
    public Evaluation validation(Network network) {
        return evaluator.evaluate(network, validation.orElseThrow(), Evaluation.DataSet.VALIDATION);
    }

    @Override
    public List<Evaluation> evaluate(Network network, Evaluation validated) {
        List<Evaluation> evaluations = new ArrayList<>();
        if (validates()) {
            evaluations.add(validated != null ? validated : validation(network));
        }
        test.ifPresent(t -> evaluations.add(evaluator.evaluate(network, t, Evaluation.DataSet.TEST)));
        if (!evaluations.isEmpty()) {
            return evaluations;
        }
        if (blocks == null) {
            startEpoch(IntStream.range(0, size).toArray());
        }
        Broadcast<double[]> parameters = context.broadcast(network.parameters());
        try {
            List<Evaluation> parts = blocks.map(new ShardTasks.Evaluate(source, backEnd, parameters)).collect()
                    .stream().map(p -> p.evaluation(Evaluation.DataSet.TRAINING)).toList();
            return List.of(Evaluation.combine(Evaluation.DataSet.TRAINING, parts));
        } finally {
            parameters.destroy();
        }
    }

    /** The rounds and layouts so far and their wall time on the driver. */
    RoundTimes times() {
        return new RoundTimes(rounds, roundNanos / 1e9, layouts, layoutNanos / 1e9);
    }

    /** Lets go of the blocks, the samples and the broadcast positions. */
    @Override
    public void close() {
        if (blocks != null) {
            blocks.unpersist(false);
            positions.destroy();
            blocks = null;
        }
        samples.unpersist(false);
    }
}
