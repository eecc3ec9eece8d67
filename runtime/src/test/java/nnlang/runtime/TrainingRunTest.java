package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One training run from data to parameter file, as both front ends run it. */
class TrainingRunTest {

    private static final BackEnd INTERPRETED = BackEnds.named("interpreted");

    @TempDir
    Path dir;

    private static NetworkModel withTrain(NetworkModel m, int epochs, int reportEvery, Double expect) {
        TrainSpec t = m.train().orElseThrow();
        TrainSpec changed = new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), epochs, t.init(), t.seed(),
                reportEvery, Optional.ofNullable(expect).map(a -> new TrainSpec.Expectation(a, new SourcePos("xor.nn", 9, 9, 6))),
                t.pos());
        return new NetworkModel(m.name(), m.sourceFile(), m.inputs(), m.nodes(), m.output(), Optional.of(changed), m.pos());
    }

    /** Records the order of the listener's calls. */
    static final class Recording implements TrainingRun.Listener {
        final List<String> calls = new ArrayList<>();
        final boolean everyEpoch;

        Recording(boolean everyEpoch) {
            this.everyEpoch = everyEpoch;
        }

        @Override
        public void started(Network network, TrainingData data) {
            calls.add("started " + data.train().size());
        }

        @Override
        public boolean measuresEveryEpoch() {
            return everyEpoch;
        }

        @Override
        public void measured(EpochReport report) {
            calls.add("measured " + report.epoch());
        }

        @Override
        public void epoch(EpochReport report) {
            calls.add("epoch " + report.epoch());
        }

        @Override
        public void finished(TrainingResult result) {
            calls.add("finished " + result.last().epoch());
        }
    }

    @Test
    void savesWhatTheTrainerReachesFromTheInitialParameters() throws Exception {
        NetworkModel xor = withTrain(ModelBuilder.xor(7), 300, 100, null);
        Path file = dir.resolve("Xor.nnp");
        TrainingRun.Outcome outcome = new TrainingRun(xor, INTERPRETED)
                .run(file, TrainingRun.BelowExpectation.DISCARD, new Recording(false));
        TrainingRun.Outcome.Trained trained = (TrainingRun.Outcome.Trained) outcome;
        assertEquals(Optional.of(file), trained.saved());
        assertEquals(Optional.empty(), trained.unmetExpectation());

        Network by = new Interpreter(xor);
        by.setParameters(Initializer.initialParameters(xor));
        TrainingResult expected = new Trainer(xor).train(by, nnlang.runtime.data.DataSets.load(xor), ProgressListener.NONE);
        assertArrayEquals(expected.parameters(), ParameterFile.read(file, ParameterLayout.of(xor)));
    }

    @Test
    void listenerHearsTheRunInOrderAndEveryEpochWhenItAsks() {
        NetworkModel xor = withTrain(ModelBuilder.xor(7), 4, 2, null);
        Recording reported = new Recording(false);
        new TrainingRun(xor, INTERPRETED).run(dir.resolve("a.nnp"), TrainingRun.BelowExpectation.SAVE, reported);
        assertEquals(List.of("started 4", "epoch 2", "epoch 4", "finished 4"), reported.calls);

        Recording every = new Recording(true);
        new TrainingRun(xor, INTERPRETED).run(dir.resolve("b.nnp"), TrainingRun.BelowExpectation.SAVE, every);
        assertEquals(List.of("started 4", "measured 1", "measured 2", "epoch 2", "measured 3", "measured 4", "epoch 4",
                "finished 4"), every.calls);
    }

    @Test
    void measuringEveryEpochChangesNoBit() throws Exception {
        NetworkModel xor = withTrain(ModelBuilder.xor(3), 500, 100, null);
        new TrainingRun(xor, INTERPRETED).run(dir.resolve("a.nnp"), TrainingRun.BelowExpectation.SAVE, new Recording(false));
        new TrainingRun(xor, INTERPRETED).run(dir.resolve("b.nnp"), TrainingRun.BelowExpectation.SAVE, new Recording(true));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.nnp")), Files.readAllBytes(dir.resolve("b.nnp")));
    }

    @Test
    void unmetExpectationSavesOrDiscardsAsAsked() {
        NetworkModel xor = withTrain(ModelBuilder.xor(7), 1, 1, 1.0);
        Path kept = dir.resolve("kept.nnp");
        TrainingRun.Outcome.Trained saved = (TrainingRun.Outcome.Trained) new TrainingRun(xor, INTERPRETED)
                .run(kept, TrainingRun.BelowExpectation.SAVE, new Recording(false));
        assertTrue(saved.unmetExpectation().orElseThrow().startsWith("xor.nn:9:9: error: expected accuracy >= 100.00%"),
                saved.unmetExpectation().toString());
        assertEquals(Optional.of(kept), saved.saved());
        assertTrue(Files.exists(kept));

        Path discarded = dir.resolve("discarded.nnp");
        TrainingRun.Outcome.Trained not = (TrainingRun.Outcome.Trained) new TrainingRun(xor, INTERPRETED)
                .run(discarded, TrainingRun.BelowExpectation.DISCARD, new Recording(false));
        assertEquals(saved.unmetExpectation(), not.unmetExpectation());
        assertEquals(Optional.empty(), not.saved());
        assertFalse(Files.exists(discarded));
    }

    /** A linear 1-2-1 network on targets in the hundreds with rate 0.5: it overflows within a few epochs. */
    private static NetworkModel diverging() {
        return new ModelBuilder("Scale").scalars("x")
                .dense("h", 2, Activation.LINEAR)
                .dense("out", 1, Activation.LINEAR)
                .train(new double[][] {{1}, {2}, {3}, {4}}, new double[][] {{100}, {200}, {300}, {400}},
                        Cost.QUADRATIC, 0.5, 2, 50, new Init.Gaussian(0, 1, false, SourcePos.NONE), 3)
                .build();
    }

    @Test
    void divergenceWritesNothingAndSaysTheEarlierFileIsKept() throws Exception {
        Path file = dir.resolve("Scale.nnp");
        Recording listener = new Recording(false);
        TrainingRun.Outcome.Failed none = (TrainingRun.Outcome.Failed) new TrainingRun(diverging(), INTERPRETED)
                .run(file, TrainingRun.BelowExpectation.SAVE, listener);
        assertTrue(none.message().contains(": error: training diverged in epoch "), none.message());
        assertTrue(none.message().endsWith("\n  nothing saved: there is no " + file), none.message());
        assertFalse(Files.exists(file));
        assertFalse(listener.calls.stream().anyMatch(c -> c.startsWith("finished")), listener.calls.toString());

        Files.write(file, new byte[] {1, 2, 3});
        TrainingRun.Outcome.Failed kept = (TrainingRun.Outcome.Failed) new TrainingRun(diverging(), INTERPRETED)
                .run(file, TrainingRun.BelowExpectation.SAVE, new Recording(false));
        assertTrue(kept.message().endsWith("\n  nothing saved: " + file + " keeps the parameters it had"), kept.message());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void dataThatCannotBeLoadedFailWithTheirPositionBeforeAnythingStarts() {
        NetworkModel xor = ModelBuilder.xor(7);
        TrainSpec t = xor.train().orElseThrow();
        Path missing = dir.resolve("missing.csv");
        TrainSpec csv = new TrainSpec(new DataSpec.Csv("missing.csv", missing, false, SourcePos.NONE), t.cost(),
                t.optimizer(), t.schedule(), t.epochs(), t.init(), t.seed(), t.reportEvery(), t.expect(), t.pos());
        NetworkModel model = new NetworkModel(xor.name(), xor.sourceFile(), xor.inputs(), xor.nodes(), xor.output(),
                Optional.of(csv), xor.pos());
        Recording listener = new Recording(false);
        TrainingRun.Outcome outcome = new TrainingRun(model, INTERPRETED)
                .run(dir.resolve("Xor.nnp"), TrainingRun.BelowExpectation.SAVE, listener);
        assertTrue(((TrainingRun.Outcome.Failed) outcome).message().contains("missing.csv"), outcome.toString());
        assertEquals(List.of(), listener.calls);
        assertFalse(Files.exists(dir.resolve("Xor.nnp")));
    }

    @Test
    void planSaysWhatTheTrainBlockAsksFor() {
        assertEquals("trains 5000 epochs on a table of 4 samples: SGD rate 2.0, batch 4, quadratic cost",
                new TrainingRun(ModelBuilder.xor(7), INTERPRETED).plan());
    }

    @Test
    void aNetworkWithoutTrainBlockIsNoRun() {
        NetworkModel xor = ModelBuilder.xor(7);
        NetworkModel untrained = new NetworkModel(xor.name(), xor.sourceFile(), xor.inputs(), xor.nodes(), xor.output(),
                Optional.empty(), xor.pos());
        assertThrows(IllegalArgumentException.class, () -> new TrainingRun(untrained, INTERPRETED));
    }
}
