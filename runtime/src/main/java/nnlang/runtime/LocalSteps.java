package nnlang.runtime;

import java.util.ArrayList;
import java.util.List;
import nnlang.runtime.data.TrainingData;

/**
 * Training on samples in this JVM: with one shard, the back end's fused {@link Network#trainBatch},
 * on the run's {@link TrainingThreads} when there are some; with more, {@link Shards#gradient} (the
 * shards one after another) and {@link Network#applyGradient}.
 */
final class LocalSteps implements TrainingSteps {
    private final TrainingData data;
    private final Evaluator evaluator;
    private final int shards;
    /** The run's threads, or null to train on the calling thread. */
    private final TrainingThreads threads;
    private double[] shardSum = new double[0];
    private double[] batchSum = new double[0];

    LocalSteps(TrainingData data, Evaluator evaluator, int shards, TrainingThreads threads) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, not " + shards);
        }
        this.data = data;
        this.evaluator = evaluator;
        this.shards = shards;
        this.threads = threads;
    }

    @Override
    public int size() {
        return data.train().size();
    }

    @Override
    public double train(Network network, int[] order, int from, int to, double rate, double decay) {
        if (shards == 1) {
            return threads == null ? network.trainBatch(data.train(), order, from, to, rate, decay)
                    : network.trainBatch(data.train(), order, from, to, rate, decay, threads);
        }
        if (batchSum.length != network.parameterCount()) {
            shardSum = new double[network.parameterCount()];
            batchSum = new double[network.parameterCount()];
        }
        double cost = Shards.gradient(network, data.train(), order, from, to, shards, shardSum, batchSum);
        network.applyGradient(batchSum, to - from, rate, decay);
        return cost;
    }

    @Override
    public boolean validates() {
        return data.validation().isPresent();
    }

    @Override
    public Evaluation validation(Network network) {
        return evaluator.evaluate(network, data.validation().orElseThrow(), Evaluation.DataSet.VALIDATION);
    }

    @Override
    public List<Evaluation> evaluate(Network network, Evaluation validation) {
        List<Evaluation> evaluations = new ArrayList<>();
        if (validates()) {
            evaluations.add(validation != null ? validation : validation(network));
        }
        data.test().ifPresent(t -> evaluations.add(evaluator.evaluate(network, t, Evaluation.DataSet.TEST)));
        if (evaluations.isEmpty()) {
            evaluations.add(evaluator.evaluate(network, data.train(), Evaluation.DataSet.TRAINING));
        }
        return evaluations;
    }
}
