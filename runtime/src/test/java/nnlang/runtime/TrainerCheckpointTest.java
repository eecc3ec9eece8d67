package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Optimizer;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.DenseSamples;
import nnlang.runtime.data.TrainingData;
import org.junit.jupiter.api.Test;

/**
 * Early stopping, keeping the best epoch, and resuming from a checkpoint: a run resumed after any
 * epoch ends with exactly the bits of the run that never stopped, with Adam's moments and counter,
 * the dropout generator, the shuffle and the best epoch all carried by the checkpoint.
 */
class TrainerCheckpointTest {
    private static final int SAMPLES = 48;

    /** A 4-12-3 softmax classifier with a dropping hidden layer, AdamW and a cosine schedule after a warmup. */
    private static NetworkModel model(int epochs, Optional<TrainSpec.Stopping> stop, boolean keepBest) {
        Random random = new Random(3);
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            int c = s % 3;
            List<Double> x = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                x.add((i == c ? 1.0 : 0.0) + 0.8 * random.nextGaussian());
            }
            xs.add(x);
            ys.add(List.of(c == 0 ? 1.0 : 0.0, c == 1 ? 1.0 : 0.0, c == 2 ? 1.0 : 0.0));
        }
        TrainSpec train = new TrainSpec(new DataSpec.Table(xs, ys, SourcePos.NONE), Cost.CROSS_ENTROPY,
                new Optimizer.Adam(0.05, 5, 0.9, 0.999, 1e-8, true, 0.01, SourcePos.NONE),
                Optional.of(new TrainSpec.Schedule(Optional.of(new TrainSpec.Decay.Cosine(epochs)), 3, SourcePos.NONE)),
                epochs, new Init.Xavier(Init.Distribution.UNIFORM, SourcePos.NONE), 11, 1, Optional.empty(),
                TrainSpec.HeldOut.NONE, Map.of(0, new TrainSpec.LayerTraining(Optional.empty(), 0.3, SourcePos.NONE)),
                stop, keepBest, SourcePos.NONE);
        return TestModels.dense("Blobs", 4, new int[] {12, 3}, new Activation[] {Activation.RELU, Activation.SOFTMAX},
                true, Optional.of(train));
    }

    /** The table's first 36 samples train, the last 12 validate. */
    private static TrainingData data(NetworkModel model) {
        DenseSamples all = DenseSamples.of((DataSpec.Table) model.train().orElseThrow().data());
        int[] train = new int[36];
        int[] validation = new int[SAMPLES - 36];
        for (int s = 0; s < SAMPLES; s++) {
            if (s < 36) {
                train[s] = s;
            } else {
                validation[s - 36] = s;
            }
        }
        return new TrainingData(all.subset(train), Optional.of(all.subset(validation)), Optional.empty());
    }

    /** Every checkpoint a run saves, with its parameters. */
    private static final class Saved implements Trainer.Checkpoints {
        final List<double[]> parameters = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();

        @Override
        public int every() {
            return 1;
        }

        @Override
        public String fingerprint() {
            return "test";
        }

        @Override
        public void save(double[] params, Checkpoint checkpoint) {
            parameters.add(params);
            checkpoints.add(checkpoint);
        }
    }

    @Test
    void aRunResumedAfterAnyEpochEndsWithTheBitsOfTheWholeRun() throws Exception {
        NetworkModel model = model(12, Optional.empty(), true);
        TrainingData data = data(model);
        Saved saved = new Saved();
        TrainingResult whole = new Trainer(model).train(new Interpreter(model), data, r -> { }, null, Optional.empty(),
                saved);
        assertEquals(11, saved.checkpoints.size(), "one after every epoch but the last");
        for (int k = 0; k < saved.checkpoints.size(); k++) {
            Interpreter resumed = new Interpreter(model);
            resumed.setParameters(saved.parameters.get(k));
            TrainingResult rest = new Trainer(model).train(resumed, data, r -> { }, null,
                    Optional.of(saved.checkpoints.get(k)), null);
            assertBitIdentical(whole.parameters(), rest.parameters(), "resumed after epoch " + (k + 1));
            assertEquals(whole.keptEpoch(), rest.keptEpoch());
            assertEquals(12, rest.epochsRun());
        }
    }

    @Test
    void keepingTheBestEpochKeepsItsParametersAndSaysWhichItWas() throws Exception {
        NetworkModel model = model(12, Optional.empty(), true);
        TrainingData data = data(model);
        Saved every = new Saved();
        TrainingResult kept = new Trainer(model).train(new Interpreter(model), data, r -> { }, null, Optional.empty(),
                every);
        int best = kept.keptEpoch().orElseThrow();
        assertEquals(best, kept.last().epoch(), "the report is the kept epoch's");
        if (best < 12) {
            assertBitIdentical(every.parameters.get(best - 1), kept.parameters(), "epoch " + best + "'s parameters");
        }
        NetworkModel plain = model(12, Optional.empty(), false);
        TrainingResult last = new Trainer(plain).train(new Interpreter(plain), data, r -> { });
        double bestAccuracy = kept.last().evaluations().get(0).accuracy();
        assertTrue(bestAccuracy >= last.last().evaluations().get(0).accuracy(), "the best is no worse than the last");
    }

    @Test
    void trainingStopsWhenTheValidationSetHasNotImprovedForThePatience() throws Exception {
        NetworkModel model = model(200, Optional.of(new TrainSpec.Stopping(TrainSpec.Metric.COST, 4, SourcePos.NONE)),
                true);
        TrainingData data = data(model);
        List<EpochReport> reports = new ArrayList<>();
        TrainingResult result = new Trainer(model).train(new Interpreter(model), data, reports::add);
        assertTrue(result.stoppedEarly());
        assertTrue(result.epochsRun() < 200, result.epochsRun() + " epochs");
        int best = result.keptEpoch().orElseThrow();
        assertEquals(result.epochsRun() - 4, best, "stopped four epochs after the best");
        double bestCost = reports.get(best - 1).evaluations().get(0).cost();
        for (EpochReport r : reports) {
            assertTrue(r.evaluations().get(0).cost() >= bestCost, "epoch " + r.epoch() + " beats the best");
        }
        assertEquals(result.epochsRun(), reports.get(reports.size() - 1).epoch(), "the last epoch run is reported");
        assertFalse(ProgressFormat.summary(result).isEmpty());
        assertTrue(ProgressFormat.summary(result).contains("stopped early"), ProgressFormat.summary(result));
    }
}
