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
 * @param threads         the threads the mini-batches were trained on, and why one when more were asked for
 */
public record TrainingResult(double[] parameters, EpochReport last, double trainingSeconds, int epochsRun,
        boolean stoppedEarly, OptionalInt keptEpoch, ThreadUse threads) {

    /** A run on one thread, as asked. */
    public TrainingResult(double[] parameters, EpochReport last, double trainingSeconds, int epochsRun,
            boolean stoppedEarly, OptionalInt keptEpoch) {
        this(parameters, last, trainingSeconds, epochsRun, stoppedEarly, keptEpoch, ThreadUse.ONE);
    }

    /** A run that trained to its last epoch and kept it, on one thread. */
    public TrainingResult(double[] parameters, EpochReport last, double trainingSeconds) {
        this(parameters, last, trainingSeconds, last.epoch(), false, OptionalInt.empty());
    }

    /** This result, trained on the threads {@code use} says. */
    public TrainingResult on(ThreadUse use) {
        return new TrainingResult(parameters, last, trainingSeconds, epochsRun, stoppedEarly, keptEpoch, use);
    }

    /** For a classifier, the predictions per actual class on the primary set after the last epoch. */
    public Optional<ConfusionMatrix> confusion() {
        return last.primary().confusion();
    }
}
