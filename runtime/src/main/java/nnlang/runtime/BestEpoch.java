package nnlang.runtime;

import java.util.Optional;
import nnlang.model.TrainSpec;

/**
 * The epoch that scored best on the validation set so far, for {@code stop when validation ...} and
 * {@code keep best}: by the stop line's metric, or without one by accuracy for a classifier and cost
 * otherwise. An epoch improves on the best when its accuracy is greater, or its cost smaller; a tie
 * keeps the earlier epoch. With {@code keep best}, the best epoch's parameters are kept too.
 */
final class BestEpoch {
    private final TrainSpec.Metric metric;
    private final Optional<TrainSpec.Stopping> stop;
    private final boolean keep;
    private int epoch;
    private double score;
    private double[] parameters = new double[0];

    BestEpoch(TrainSpec spec, boolean classifier) {
        this.stop = spec.stop();
        this.keep = spec.keepBest();
        this.metric = stop.map(TrainSpec.Stopping::metric)
                .orElse(classifier ? TrainSpec.Metric.ACCURACY : TrainSpec.Metric.COST);
    }

    /** Whether anything is tracked: the run stops early or keeps its best epoch. */
    boolean tracks() {
        return stop.isPresent() || keep;
    }

    /** Takes epoch {@code e}'s validation evaluation and, when it is the best so far and kept, its parameters. */
    void observe(int e, Evaluation validation, double[] params) {
        double s = metric == TrainSpec.Metric.ACCURACY ? validation.accuracy() : validation.cost();
        boolean better = epoch == 0 || (metric == TrainSpec.Metric.ACCURACY ? s > score : s < score);
        if (better) {
            epoch = e;
            score = s;
            if (keep) {
                parameters = params.clone();
            }
        }
    }

    /** Whether training stops after {@code e}: its patience has passed since the best epoch. */
    boolean stopsAfter(int e) {
        return stop.isPresent() && epoch > 0 && e - epoch >= stop.get().patience();
    }

    int epoch() {
        return epoch;
    }

    double score() {
        return score;
    }

    /** The best epoch's parameters when kept, else empty. */
    double[] parameters() {
        return parameters.clone();
    }

    boolean keeps() {
        return keep && epoch > 0;
    }

    /** Continues from a checkpoint's best epoch. */
    void restore(Checkpoint checkpoint) {
        epoch = checkpoint.bestEpoch();
        score = checkpoint.bestScore();
        parameters = checkpoint.bestParameters();
    }

    /** The metric, e.g. {@code accuracy}. */
    String metric() {
        return metric.keyword();
    }
}
