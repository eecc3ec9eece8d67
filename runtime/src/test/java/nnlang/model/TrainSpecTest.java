package nnlang.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainSpecTest {

    private static TrainSpec spec(double rate, Optional<TrainSpec.Schedule> schedule) {
        DataSpec data = new DataSpec.Table(List.of(List.of(0.0)), List.of(List.of(1.0)), SourcePos.NONE);
        return new TrainSpec(data, Cost.QUADRATIC, new Optimizer.Sgd(rate, 1, 0.0, SourcePos.NONE), schedule, 30,
                new Init.Gaussian(0, 1, false, SourcePos.NONE), 1, 0, Optional.empty(), SourcePos.NONE);
    }

    private static TrainSpec stepped(double rate, int every, double factor) {
        return spec(rate, Optional.of(new TrainSpec.Schedule(every, factor, SourcePos.NONE)));
    }

    @Test
    void withoutAScheduleEveryEpochHasTheOptimizersRate() {
        TrainSpec spec = spec(0.3, Optional.empty());
        for (int epoch = 1; epoch <= 40; epoch++) {
            assertEquals(0.3, spec.rateAt(epoch), 0.0);
        }
    }

    @Test
    void aStepScheduleKeepsTheRateForEveryEpochsThenMultipliesByTheFactor() {
        TrainSpec spec = stepped(0.3, 3, 0.1);
        double[] expected = {0.3, 0.3, 0.3, 0.3 * 0.1, 0.3 * 0.1, 0.3 * 0.1, 0.3 * 0.1 * 0.1, 0.3 * 0.1 * 0.1,
            0.3 * 0.1 * 0.1, 0.3 * 0.1 * 0.1 * 0.1};
        for (int epoch = 1; epoch <= expected.length; epoch++) {
            assertEquals(expected[epoch - 1], spec.rateAt(epoch), 0.0, "epoch " + epoch);
        }
    }

    @Test
    void theRateIsRepeatedMultiplicationNotAPower() {
        TrainSpec spec = stepped(0.3, 1, 0.1);
        assertEquals(0.3 * 0.1 * 0.1, spec.rateAt(3), 0.0);
        assertNotEquals(0.3 * Math.pow(0.1, 2), spec.rateAt(3), 0.0);
    }

    @Test
    void carryingTheRateFromEpochToEpochGivesTheSameBitsAsRateAt() {
        TrainSpec spec = stepped(3.0, 7, 0.93);
        double rate = Double.NaN;
        for (int epoch = 1; epoch <= 500; epoch++) {
            rate = spec.rateAt(epoch, rate);
            assertEquals(Double.doubleToRawLongBits(spec.rateAt(epoch)), Double.doubleToRawLongBits(rate),
                    "epoch " + epoch);
        }
    }

    @Test
    void aFactorOfOneKeepsTheRate() {
        assertEquals(0.7, stepped(0.7, 1, 1.0).rateAt(1000), 0.0);
    }

    @Test
    void aStepStartsAtTheEpochAfterEveryMultipleOfEvery() {
        TrainSpec.Schedule schedule = new TrainSpec.Schedule(10, 0.5, SourcePos.NONE);
        assertFalse(schedule.startsStep(1));
        assertFalse(schedule.startsStep(10));
        assertTrue(schedule.startsStep(11));
        assertFalse(schedule.startsStep(20));
        assertTrue(schedule.startsStep(21));
    }

    @Test
    void epochsAreCountedFromOne() {
        assertThrows(IllegalArgumentException.class, () -> stepped(0.5, 2, 0.5).rateAt(0));
    }
}
