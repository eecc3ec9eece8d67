package nnlang.runtime;

import java.util.Optional;

/**
 * What a training run produced.
 *
 * @param parameters      the final parameters, in the order of {@code NetworkModel}
 * @param last            the report of the last epoch
 * @param trainingSeconds wall time spent in training steps over all epochs, evaluations excluded
 * @param threads         the threads the mini-batches were trained on, and why one when more were asked for
 */
public record TrainingResult(double[] parameters, EpochReport last, double trainingSeconds, ThreadUse threads) {

    /** A result of training on one thread, as asked. */
    public TrainingResult(double[] parameters, EpochReport last, double trainingSeconds) {
        this(parameters, last, trainingSeconds, ThreadUse.ONE);
    }

    /** For a classifier, the predictions per actual class on the primary set after the last epoch. */
    public Optional<ConfusionMatrix> confusion() {
        return last.primary().confusion();
    }
}
