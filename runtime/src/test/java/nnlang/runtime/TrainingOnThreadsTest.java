package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.ArraySamples;
import nnlang.testing.BitAssertions;
import nnlang.testing.ExampleModels;
import nnlang.testing.FailingInWorkers;
import nnlang.testing.ModelBuilder;
import nnlang.testing.Models;
import nnlang.testing.RandomNetworks;
import nnlang.testing.TrainingThreadNames;
import org.junit.jupiter.api.Test;

/**
 * The trainer on several threads: the same bits for every thread count, named threads started once
 * per run and gone after it, a failure in a worker thrown by the run, an interrupt and a divergence
 * that stop it, and small networks trained on one thread with the reason in the result.
 */
class TrainingOnThreadsTest {

    /** A trainer that divides every batch, however small, so that small test networks exercise the threads. */
    private static Trainer trainer(NetworkModel model, int threads) {
        return new Trainer(model, threads, 0);
    }

    /** The model with its train block set to {@code epochs} epochs. */
    private static NetworkModel epochs(NetworkModel m, int epochs) {
        TrainSpec t = m.train().orElseThrow();
        return Models.withTrain(m, new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), epochs, t.init(),
                t.seed(), t.reportEvery(), t.expect(), t.pos()));
    }

    private static double[] train(NetworkModel model, int threads) throws TrainingDivergedException {
        Interpreter net = new Interpreter(model);
        TrainingResult result = trainer(model, threads).train(net, TrainingData.trainOnly(ArraySamples.of(model)),
                report -> { });
        assertEquals(threads, result.threads().used(), model.name());
        return result.parameters();
    }

    @Test
    void randomNetworksAndExamplesTrainToTheSameBitsOnOneTwoThreeAndEightThreads() throws Exception {
        List<NetworkModel> models = new ArrayList<>();
        for (long seed = 0; seed < 16; seed++) {
            NetworkModel m = RandomNetworks.network(seed, RandomNetworks.DIFFERENTIABLE);
            models.add(epochs(seed % 2 == 0 ? m : Models.withMomentum(m, seed), 3));
        }
        for (long seed = 0; seed < 6; seed++) {
            NetworkModel m = RandomNetworks.convolutional(seed, RandomNetworks.DIFFERENTIABLE);
            models.add(epochs(seed % 2 == 0 ? m : Models.withMomentum(m, seed), 2));
        }
        models.add(epochs(ModelBuilder.xor(7), 40));
        models.add(epochs(ExampleModels.mnistShaped(Cost.CROSS_ENTROPY, Activation.SOFTMAX, 23), 2));
        for (NetworkModel model : models) {
            double[] one = train(model, 1);
            for (int threads : new int[] {2, 3, 8}) {
                BitAssertions.assertBitIdentical(one, train(model, threads), model.name() + " on " + threads + " threads");
            }
        }
    }

    @Test
    void theWorkersAreNamedAndGoneWhenTheRunEnds() throws Exception {
        NetworkModel model = epochs(ModelBuilder.xor(7), 20);
        Set<String> seen = new TreeSet<>();
        trainer(model, 3).train(new Interpreter(model), TrainingData.trainOnly(ArraySamples.of(model)),
                report -> seen.addAll(TrainingThreadNames.alive()));
        assertEquals(Set.of("nnlang-train-1", "nnlang-train-2"), seen);
        assertEquals(Set.of(), TrainingThreadNames.alive());
    }

    @Test
    void aFailureInAWorkerFailsTheRunWithThatExceptionAndStopsTheThreads() {
        NetworkModel model = ModelBuilder.xor(7);
        ArraySamples table = ArraySamples.of(model);
        IllegalStateException injected = new IllegalStateException("injected failure");
        Samples failing = new FailingInWorkers(table, injected);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> trainer(model, 2)
                .train(new Interpreter(model), TrainingData.trainOnly(failing), report -> { }));
        assertSame(injected, thrown);
        assertEquals(Set.of(), TrainingThreadNames.alive());
    }

    @Test
    void anInterruptStopsTheRunAndItsThreads() {
        NetworkModel model = ModelBuilder.xor(7);
        ProgressListener interrupting = new ProgressListener() {
            @Override
            public void epoch(EpochReport report) {
            }

            @Override
            public void progress(int epoch, int done, int total) {
                if (epoch == 3) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CancellationException e = assertThrows(CancellationException.class, () -> trainer(model, 2)
                .train(new Interpreter(model), TrainingData.trainOnly(ArraySamples.of(model)), interrupting));
        assertTrue(e.getMessage().contains("epoch 3"), e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt status stays set");
        assertEquals(Set.of(), TrainingThreadNames.alive());
    }

    @Test
    void aDivergingRunStopsWithTheMessageOfOneThreadAndStopsItsThreads() {
        NetworkModel model = nnlang.testing.BackEndConformance.diverging();
        TrainingData data = TrainingData.trainOnly(ArraySamples.of(model));
        TrainingDivergedException one = assertThrows(TrainingDivergedException.class,
                () -> trainer(model, 1).train(new Interpreter(model), data, report -> { }));
        TrainingDivergedException two = assertThrows(TrainingDivergedException.class,
                () -> trainer(model, 2).train(new Interpreter(model), data, report -> { }));
        assertEquals(one.getMessage(), two.getMessage());
        assertEquals(Set.of(), TrainingThreadNames.alive());
    }

    @Test
    void aSmallNetworkTrainsOnOneThreadAndTheResultSaysWhy() throws Exception {
        NetworkModel model = ModelBuilder.xor(7);
        TrainingResult result = new Trainer(model, 2).train(new Interpreter(model),
                TrainingData.trainOnly(ArraySamples.of(model)), report -> { });
        assertEquals(new ThreadUse(2, 1, "the network is too small to divide: 9 parameters times a batch of 4 is below "
                + Trainer.MIN_WORK_TO_DIVIDE), result.threads());
        assertTrue(ProgressFormat.summary(result).contains("on 1 thread of 2 asked for: the network is too small"),
                ProgressFormat.summary(result));
    }
}
