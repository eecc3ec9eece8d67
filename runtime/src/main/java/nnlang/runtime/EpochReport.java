package nnlang.runtime;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The state of training after a reported epoch.
 *
 * @param epoch          the epoch just finished, 1-based (0 when no epoch was run)
 * @param epochs         the number of epochs the train block asks for
 * @param rate           the learning rate this epoch trained with, present when a {@code schedule}
 *                       varies it from epoch to epoch (and an epoch was run)
 * @param trainingCost   the epoch's training cost, present when an epoch was run: the mean over the
 *                       training samples of each one's cost as its mini-batch was trained (from the
 *                       outputs of that batch's forward pass, before its update), as
 *                       {@link Network#trainBatch} returns them
 * @param evaluations    the training set for tables and CSV files; else validation (when there is
 *                       one) and test, in that order
 * @param epochSeconds   wall time of this epoch's training steps, evaluation excluded
 * @param elapsedSeconds wall time since training started, evaluations included
 */
public record EpochReport(int epoch, int epochs, OptionalDouble rate, OptionalDouble trainingCost,
        List<Evaluation> evaluations,
        double epochSeconds, double elapsedSeconds) {

    public EpochReport {
        evaluations = List.copyOf(evaluations);
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one evaluation");
        }
    }

    /**
     * The evaluation that counts, e.g. for {@code expect accuracy}: the test set when there is one,
     * else the training set (the last evaluation either way).
     */
    public Evaluation primary() {
        return evaluations.get(evaluations.size() - 1);
    }
}
