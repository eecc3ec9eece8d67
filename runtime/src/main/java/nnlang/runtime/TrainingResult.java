package nnlang.runtime;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a training run produced.
 *
 * @param parameters      the parameters kept, in the order of {@code NetworkModel}: the last epoch's,
 *                        or with {@code keep best} those of the best validation epoch
 * @param last            the report of the parameters kept: the last reported epoch's, or the best
 *                        epoch's evaluated again
 * @param trainingSeconds wall time spent in training steps over all epochs, evaluations excluded
 *                        (over the epochs before a resume too)
 * @param epochsRun       the epochs trained, fewer than the train block's when it stopped early
 * @param stoppedEarly    whether the validation set stopped improving before the last epoch
 * @param keptEpoch       with {@code keep best}, the epoch whose parameters are kept
 */
public record TrainingResult(double[] parameters, EpochReport last, double trainingSeconds, int epochsRun,
        boolean stoppedEarly, OptionalInt keptEpoch) {

    /** A run that trained to its last epoch and kept it. */
    public TrainingResult(double[] parameters, EpochReport last, double trainingSeconds) {
        this(parameters, last, trainingSeconds, last.epoch(), false, OptionalInt.empty());
    }

    /** For a classifier, the predictions per actual class on the primary set after the last epoch. */
    public Optional<ConfusionMatrix> confusion() {
        return last.primary().confusion();
    }
}
