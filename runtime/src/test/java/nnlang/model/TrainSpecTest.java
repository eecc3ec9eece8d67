package nnlang.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void aFactorOfOneKeepsTheRate() {
        assertEquals(0.7, stepped(0.7, 1, 1.0).rateAt(1000), 0.0);
    }

    private static TrainSpec scheduled(double rate, Optional<TrainSpec.Decay> decay, int warmup) {
        return spec(rate, Optional.of(new TrainSpec.Schedule(decay, warmup, SourcePos.NONE)));
    }

    @Test
    void anExponentialScheduleMultipliesByTheFactorEveryEpochInSequence() {
        TrainSpec spec = scheduled(0.3, Optional.of(new TrainSpec.Decay.Exponential(0.9)), 0);
        double expected = 0.3;
        for (int epoch = 1; epoch <= 50; epoch++) {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(spec.rateAt(epoch)),
                    "epoch " + epoch);
            expected = expected * 0.9;
        }
        assertEquals(Double.doubleToRawLongBits(stepped(0.3, 1, 0.9).rateAt(17)),
                Double.doubleToRawLongBits(spec.rateAt(17)), "the same as a step of one epoch");
    }

    @Test
    void aCosineScheduleFallsFromTheRateToZeroOverItsEpochs() {
        TrainSpec spec = scheduled(2.0, Optional.of(new TrainSpec.Decay.Cosine(10)), 0);
        assertEquals(2.0, spec.rateAt(1), 0.0);
        assertEquals(1.0, spec.rateAt(6), 1e-15);
        assertEquals(2.0 * 0.5 * (1.0 + StrictMath.cos(StrictMath.PI * 9.0 / 10)), spec.rateAt(10), 0.0);
        assertEquals(0.0, spec.rateAt(11), 0.0);
        assertEquals(0.0, spec.rateAt(40), 0.0);
        for (int epoch = 2; epoch <= 11; epoch++) {
            assertTrue(spec.rateAt(epoch) < spec.rateAt(epoch - 1), "falls at epoch " + epoch);
        }
    }

    @Test
    void aWarmupRisesLinearlyToTheRateAndMultipliesTheDecay() {
        TrainSpec warm = scheduled(0.8, Optional.empty(), 4);
        assertEquals(0.8 * (1.0 / 4), warm.rateAt(1), 0.0);
        assertEquals(0.8 * (3.0 / 4), warm.rateAt(3), 0.0);
        assertEquals(0.8, warm.rateAt(4), 0.0);
        assertEquals(0.8, warm.rateAt(90), 0.0);
        TrainSpec both = scheduled(0.8, Optional.of(new TrainSpec.Decay.Cosine(20)), 4);
        TrainSpec cosine = scheduled(0.8, Optional.of(new TrainSpec.Decay.Cosine(20)), 0);
        assertEquals(cosine.rateAt(2) * (2.0 / 4), both.rateAt(2), 0.0);
        assertEquals(cosine.rateAt(12), both.rateAt(12), 0.0);
    }

    @Test
    void epochsAreCountedFromOne() {
        assertThrows(IllegalArgumentException.class, () -> stepped(0.5, 2, 0.5).rateAt(0));
    }
}
