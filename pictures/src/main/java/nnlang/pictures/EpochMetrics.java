package nnlang.pictures;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import nnlang.runtime.EpochReport;
import nnlang.runtime.Evaluation;

/**
 * The figures of one epoch, as a row of {@code metrics.csv} and a point of each curve. The training
 * cost is the one the progress line shows: with held-out sets (MNIST) the mean cost of the training
 * samples as their mini-batches were trained; without them (tables, CSV) the training set evaluated
 * after the epoch, which then also gives the training accuracy.
 *
 * @param epoch          1-based; 0 for the untrained network of a run of 0 epochs
 * @param rate           the learning rate the epoch trained with (NaN for epoch 0)
 * @param epochSeconds   wall time of the epoch's training steps
 * @param elapsedSeconds wall time since training started, evaluations included
 */
public record EpochMetrics(int epoch, double rate, OptionalDouble trainingCost, OptionalDouble trainingAccuracy,
        OptionalDouble validationCost, OptionalDouble validationAccuracy, OptionalDouble testCost,
        OptionalDouble testAccuracy, double epochSeconds, double elapsedSeconds) {

    /** The header of {@code metrics.csv}. */
    public static final String HEADER = "epoch,rate,training_cost,training_accuracy,validation_cost,"
            + "validation_accuracy,test_cost,test_accuracy,epoch_seconds,elapsed_seconds";

    /** The figures of {@code report}, an epoch trained with {@code rate}. */
    public static EpochMetrics of(EpochReport report, double rate) {
        OptionalDouble trainingCost = report.trainingCost();
        OptionalDouble trainingAccuracy = OptionalDouble.empty();
        OptionalDouble validationCost = OptionalDouble.empty();
        OptionalDouble validationAccuracy = OptionalDouble.empty();
        OptionalDouble testCost = OptionalDouble.empty();
        OptionalDouble testAccuracy = OptionalDouble.empty();
        for (Evaluation e : report.evaluations()) {
            OptionalDouble cost = OptionalDouble.of(e.cost());
            OptionalDouble accuracy = OptionalDouble.of(e.accuracy());
            switch (e.set()) {
                case TRAINING -> {
                    trainingCost = cost;
                    trainingAccuracy = accuracy;
                }
                case VALIDATION -> {
                    validationCost = cost;
                    validationAccuracy = accuracy;
                }
                case TEST -> {
                    testCost = cost;
                    testAccuracy = accuracy;
                }
                default -> throw new AssertionError(e.set());
            }
        }
        return new EpochMetrics(report.epoch(), rate, trainingCost, trainingAccuracy, validationCost,
                validationAccuracy, testCost, testAccuracy, report.epochSeconds(), report.elapsedSeconds());
    }

    /** The row of {@code metrics.csv}: numbers as Java prints doubles (they read back exactly), empty when absent. */
    public String csv() {
        return String.join(",", List.of(Integer.toString(epoch), Double.isNaN(rate) ? "" : Double.toString(rate),
                cell(trainingCost), cell(trainingAccuracy), cell(validationCost), cell(validationAccuracy),
                cell(testCost), cell(testAccuracy), seconds(epochSeconds), seconds(elapsedSeconds)));
    }

    private static String cell(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : "";
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }
}
