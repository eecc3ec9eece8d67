package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    private static final String NL = System.lineSeparator();

    private static Evaluation plain(Evaluation.DataSet set, int size, int correct, double cost) {
        return new Evaluation(set, size, correct, cost, Optional.empty());
    }

    @Test
    void theOptimizerIsDescribedWithItsScheduleAndWeightDecay() {
        nnlang.model.TrainSpec xor = nnlang.testing.ModelBuilder.xor(1).train().orElseThrow();
        assertEquals("SGD rate 2.0, batch 4, quadratic cost", ProgressFormat.optimizer(xor));
        nnlang.model.TrainSpec better = new nnlang.model.TrainSpec(xor.data(), nnlang.model.Cost.CROSS_ENTROPY,
                new nnlang.model.Optimizer.Sgd(0.5, 10, 5.0, nnlang.model.SourcePos.NONE),
                Optional.of(new nnlang.model.TrainSpec.Schedule(10, 0.5, nnlang.model.SourcePos.NONE)), 30, xor.init(),
                1, 0, Optional.empty(), xor.pos());
        assertEquals("SGD rate 0.5 (times 0.5 every 10 epochs), batch 10, l2 5.0, cross_entropy cost",
                ProgressFormat.optimizer(better));
        assertEquals("trains 30 epochs on a table of 4 samples", ProgressFormat.plan(better));
    }

    @Test
    void aTrainingSetLineShowsEpochCostAccuracyAndTime() {
        EpochReport r = new EpochReport(500, 5000, OptionalDouble.empty(), OptionalDouble.empty(), List.of(plain(Evaluation.DataSet.TRAINING, 4, 3, 0.12345)),
                0.0001, 0.14);
        assertEquals("epoch  500/5000  cost 0.1235  accuracy 75.00%  (0.1 s)", ProgressFormat.line(r));
    }

    @Test
    void heldOutSetsAreNamedOnTheLineAfterTheTrainingCost() {
        EpochReport r = new EpochReport(3, 30, OptionalDouble.empty(), OptionalDouble.of(0.0552149),
                List.of(plain(Evaluation.DataSet.VALIDATION, 10000, 9412, 0.051123),
                        plain(Evaluation.DataSet.TEST, 10000, 9450, 0.0000123456)), 2.3, 7.43);
        assertEquals("epoch  3/30  training cost 0.05521  validation cost 0.05112  accuracy 94.12%  test cost 1.235e-05"
                + "  accuracy 94.50%  (7.4 s)", ProgressFormat.line(r));
    }

    @Test
    void aScheduledRateFollowsTheEpochWithFourSignificantDigits() {
        EpochReport r = new EpochReport(11, 30, OptionalDouble.of(0.25), OptionalDouble.of(0.5),
                List.of(plain(Evaluation.DataSet.TRAINING, 4, 3, 0.12345)), 0.0001, 0.14);
        assertEquals("epoch 11/30  rate 0.2500  cost 0.1235  accuracy 75.00%  (0.1 s)", ProgressFormat.line(r));
    }

    @Test
    void theSummaryOfAClassifierHasAConfusionMatrixWithPerClassAccuracy() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("no", "yes"));
        for (int i = 0; i < 12; i++) {
            m.add(1, 1);
        }
        m.add(1, 0);
        m.add(0, 0);
        Evaluation test = new Evaluation(Evaluation.DataSet.TEST, 14, 13, 0.25, Optional.of(m));
        TrainingResult result = new TrainingResult(new double[0], new EpochReport(2, 2, OptionalDouble.empty(), OptionalDouble.empty(), List.of(test), 0.5, 1.2), 1.0);
        assertEquals("trained 2 epochs in 1.0 s (500 ms per epoch)" + NL
                + "test set: cost 0.2500, accuracy 92.86% (13 of 14)" + NL
                + "confusion matrix, test set (rows: actual class, columns: predicted class):" + NL
                + "actual      no     yes  accuracy" + NL
                + "no           1       0   100.00%" + NL
                + "yes          1      12    92.31%" + NL, ProgressFormat.summary(result));
    }

    @Test
    void theSummaryWithoutClassesHasNoMatrix() {
        Evaluation train = plain(Evaluation.DataSet.TRAINING, 4, 4, 0.001);
        TrainingResult result = new TrainingResult(new double[0],
                new EpochReport(1, 1, OptionalDouble.empty(), OptionalDouble.empty(), List.of(train), 0.5, 0.5), 0.0002);
        assertEquals("trained 1 epoch in 0.0 s (0.200 ms per epoch)" + NL
                + "training set: cost 0.001000, accuracy 100.00% (4 of 4)" + NL, ProgressFormat.summary(result));
    }

    @Test
    void durationsAreSecondsFromOneSecondUpElseMilliseconds() {
        assertEquals("2.85 s", ProgressFormat.duration(2.849));
        assertEquals("999 ms", ProgressFormat.duration(0.999));
        assertEquals("0.000250 ms", ProgressFormat.duration(2.5e-7));
    }
}
