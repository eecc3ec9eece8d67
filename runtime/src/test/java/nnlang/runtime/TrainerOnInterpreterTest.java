package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.BitAssertions;
import nnlang.testing.ModelBuilder;
import nnlang.testing.RandomNetworks;
import nnlang.testing.ReferenceNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer, the data sources and parameter files together with a real back end. */
class TrainerOnInterpreterTest {

    @TempDir
    Path dir;

    /** {@code examples/xor.nn}: seed 7, report every 500, expect accuracy >= 1.0. */
    private static NetworkModel xor() {
        NetworkModel m = ModelBuilder.xor(7);
        TrainSpec t = m.train().orElseThrow();
        TrainSpec withExpectation = new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), t.epochs(), t.init(),
                t.seed(), 500, Optional.of(new TrainSpec.Expectation(1.0, SourcePos.NONE)), t.pos());
        return new NetworkModel(m.name(), m.sourceFile(), m.inputs(), m.nodes(), m.output(), Optional.of(withExpectation),
                m.pos());
    }

    private static Interpreter initialised(NetworkModel model) {
        Interpreter net = new Interpreter(model);
        net.setParameters(Initializer.initialParameters(model));
        return net;
    }

    @Test
    void xorLearnsThroughTheTrainerAndMeetsItsExpectation() throws Exception {
        NetworkModel model = xor();
        Trainer trainer = new Trainer(model);
        List<EpochReport> reports = new ArrayList<>();
        TrainingResult result = trainer.train(initialised(model), DataSets.load(model), reports::add);
        assertEquals(List.of(500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000),
                reports.stream().map(EpochReport::epoch).toList());
        assertEquals(1.0, result.last().primary().accuracy());
        assertTrue(result.last().primary().cost() < 0.01, "cost " + result.last().primary().cost());
        assertEquals(Optional.empty(), trainer.unmetExpectation(result));
    }

    @Test
    void theTrainerDrivesTheInterpreterAndTheReferenceToTheSameBits() throws Exception {
        int compared = 0;
        for (long seed = 0; seed < 60; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.DIFFERENTIABLE);
            TrainingData data = DataSets.load(model);
            ReferenceNetwork reference = new ReferenceNetwork(model);
            reference.setParameters(Initializer.initialParameters(model));
            TrainingResult interpreted;
            TrainingResult referenced;
            try {
                interpreted = new Trainer(model).train(initialised(model), data, ProgressListener.NONE);
                referenced = new Trainer(model).train(reference, data, ProgressListener.NONE);
            } catch (TrainingDivergedException e) {
                continue;
            }
            BitAssertions.assertBitIdentical(referenced.parameters(), interpreted.parameters(), model.name());
            assertEquals(referenced.last().primary().cost(), interpreted.last().primary().cost(), 0.0, model.name());
            compared++;
        }
        assertTrue(compared >= 50, compared + " of 60 random networks trained without diverging");
    }

    @Test
    void trainedParametersLoadBackIntoAFreshNetworkBitForBit() throws Exception {
        NetworkModel model = xor();
        TrainingResult result = new Trainer(model).train(initialised(model), DataSets.load(model), ProgressListener.NONE);
        Path file = ParameterFile.besideSource(dir.resolve("xor.nn"), model.name());
        ParameterFile.write(file, ParameterLayout.of(model), result.parameters());
        Interpreter loaded = new Interpreter(model);
        loaded.setParameters(ParameterFile.read(file, ParameterLayout.of(model)));
        BitAssertions.assertBitIdentical(result.parameters(), loaded.parameters(), "parameters");
        Interpreter trained = new Interpreter(model);
        trained.setParameters(result.parameters());
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        for (double[] x : inputs) {
            BitAssertions.assertBitIdentical(trained.predict(x), loaded.predict(x), "output");
        }
    }
}
