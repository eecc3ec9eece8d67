package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Optimizer;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.Samples;
import nnlang.runtime.ThreadUse;
import nnlang.runtime.TrainingThreads;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.data.DenseSamples;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.BitAssertions;
import nnlang.testing.ExampleModels;
import nnlang.testing.FailingInWorkers;
import nnlang.testing.Models;
import nnlang.testing.TrainingThreadNames;
import org.junit.jupiter.api.Test;

/**
 * The trainer on several threads with compiled classes: the MNIST examples (784-30-10, divided by
 * its first layer's neurons; the 784-256-128-10 of {@code mnist-better.nn} with its dropout, divided
 * by samples, and without dropout on its first layer, by neurons; the convolutional one, and the
 * convolutional one with dropout on its dense layer) train to the same bits on 1, 2, 3 and 8
 * threads, and to the interpreter's; a failure in a worker fails the run with that exception and no
 * thread is left; a diverging run stops as on one thread; by default a dense network whose first
 * layer drops out, and in any code shape a class trained one sample at a time, train on one thread
 * and the result says why. The examples are divided under {@link CodeShapes#DEFAULT_DIVIDING}, the
 * default code shape that divides every class it can.
 */
class CompiledTrainingOnThreadsTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "mnist");

    /** The first network of an example file, with its train block set to {@code epochs} epochs. */
    private static NetworkModel example(String file, int epochs) {
        CheckResult checked = FrontEnd.check(EXAMPLES.resolve(file));
        assertFalse(checked.hasErrors(), checked.formatDiagnostics());
        return epochs(checked.networks().get(checked.networks().size() - 1), epochs);
    }

    private static NetworkModel epochs(NetworkModel m, int epochs) {
        TrainSpec t = m.train().orElseThrow();
        return Models.withTrain(m, new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), epochs, t.init(),
                t.seed(), t.reportEvery(), t.expect(), t.heldOut(), t.layers(), t.stop(), t.keepBest(), t.pos()));
    }

    /** mnist.nn with 100 hidden neurons instead of 30, its train block set to {@code epochs} epochs. */
    private static NetworkModel wide(int epochs) {
        try {
            String source = java.nio.file.Files.readString(EXAMPLES.resolve("mnist.nn")).replace("dense(30,", "dense(100,");
            CheckResult checked = FrontEnd.check("wide.nn", source, EXAMPLES);
            assertFalse(checked.hasErrors(), checked.formatDiagnostics());
            return epochs(checked.networks().get(0), epochs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The model with its first node no longer dropping out; every other layer setting kept. */
    private static NetworkModel keptFirstLayer(NetworkModel m) {
        TrainSpec t = m.train().orElseThrow();
        Map<Integer, TrainSpec.LayerTraining> layers = new java.util.HashMap<>(t.layers());
        TrainSpec.LayerTraining first = layers.get(0);
        layers.put(0, new TrainSpec.LayerTraining(first.init(), 0.0, first.pos()));
        return Models.withTrain(m, new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), t.epochs(), t.init(),
                t.seed(), t.reportEvery(), t.expect(), t.heldOut(), layers, t.stop(), t.keepBest(), t.pos()));
    }

    /**
     * {@code count} images shaped like MNIST's: about a fifth of the pixels lit, with a one-hot target
     * (the batch's columns of zero pixels are what the compiled first layer skips).
     */
    private static DenseSamples images(int count, long seed) {
        Random random = new Random(seed);
        double[] inputs = new double[count * 784];
        double[] targets = new double[count * 10];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(5) == 0 ? random.nextDouble() : 0.0;
        }
        for (int s = 0; s < count; s++) {
            targets[s * 10 + random.nextInt(10)] = 1.0;
        }
        return new DenseSamples(784, 10, inputs, targets);
    }

    /** {@code net} from the model's initial parameters, trained on {@code threads} threads. */
    private static TrainingResult train(NetworkModel model, Network net, Samples data, int threads)
            throws TrainingDivergedException {
        net.setParameters(Initializer.initialParameters(model));
        return new Trainer(model, threads).train(net, TrainingData.trainOnly(data), report -> { });
    }

    @Test
    void theMnistExamplesTrainToTheInterpretersBitsOnOneTwoThreeAndEightThreads() throws Exception {
        DenseSamples data = images(130, 3);
        NetworkModel conv = example("mnist-conv.nn", 1);
        NetworkModel convDropping = Models.withDropout(conv,
                conv.nodes().stream().filter(n -> n.name().equals("h")).findFirst().orElseThrow().index(), 0.5);
        NetworkModel better = example("mnist-better.nn", 3);
        // By default 784-100-10 divides by its first layer's neurons; the book's 30 are too few, mnist-better's
        // first layer drops out, and without that its rest is still too large a part (1/6) to run whole on
        // every thread.
        Map<NetworkModel, Boolean> dividesByDefault = new java.util.LinkedHashMap<>();
        dividesByDefault.put(wide(3), true);
        dividesByDefault.put(example("mnist.nn", 3), false);
        dividesByDefault.put(better, false);
        dividesByDefault.put(keptFirstLayer(better), false);
        dividesByDefault.put(conv, true);
        dividesByDefault.put(convDropping, true);
        for (NetworkModel model : dividesByDefault.keySet()) {
            double[] expected = train(model, new Interpreter(model), data, 1).parameters();
            assertEquals(dividesByDefault.get(model), NetworkCompiler.load(model).dividesTraining(),
                    model.name() + " by default");
            for (int threads : new int[] {1, 2, 3, 8}) {
                Network net = NetworkCompiler.load(model, CodeShapes.DEFAULT_DIVIDING);
                assertTrue(net.dividesTraining(), model.name());
                TrainingResult result = train(model, net, data, threads);
                assertEquals(new ThreadUse(threads, threads, ""), result.threads(), model.name());
                BitAssertions.assertBitIdentical(expected, result.parameters(), model.name() + " on " + threads
                        + " threads");
            }
        }
    }

    /**
     * On more threads than a class divided by neurons has share methods of its own for
     * ({@link NeuronDivision#SPECIALISED_SHARES}), each share's bounds are computed at run time and its
     * neurons still sit at the start of its thread's arrays: the same bits again.
     */
    @Test
    void moreSharesOfTheFirstLayerThanItHasMethodsForTrainToTheSameBits() throws Exception {
        NetworkModel model = wide(1);
        DenseSamples data = images(60, 7);
        double[] expected = train(model, new Interpreter(model), data, 1).parameters();
        int threads = NeuronDivision.SPECIALISED_SHARES + 3;
        TrainingResult result = train(model, NetworkCompiler.load(model, CodeShapes.DEFAULT_DIVIDING), data, threads);
        assertEquals(new ThreadUse(threads, threads, ""), result.threads());
        BitAssertions.assertBitIdentical(expected, result.parameters(), "784-100-10 on " + threads + " threads");
    }

    /**
     * A class divided by neurons, and one divided by samples that replicates its dense layers, train
     * copies with arrays of their own: whatever reads or writes the network afterwards (predict, the
     * parameters, the optimizer's state, one more batch on one thread) sees exactly what one thread
     * would have trained, and a divided batch after the parameters are set starts from them.
     */
    @Test
    void aNetworkWhoseThreadsHaveArraysOfTheirOwnIsCurrentForWhateverComesAfterADividedBatch() throws Exception {
        NetworkModel conv = example("mnist-conv.nn", 1);
        for (NetworkModel dividing : List.of(wide(1), conv)) {
            NetworkModel model = Models.withOptimizer(dividing, new Optimizer.Adam(0.01, 10, 0.9, 0.999, 1e-8, false,
                    0.0, dividing.train().orElseThrow().optimizer().pos()));
            assertCurrentAfterDividedBatches(model);
        }
    }

    private static void assertCurrentAfterDividedBatches(NetworkModel model) {
        DenseSamples data = images(40, 11);
        int[] order = java.util.stream.IntStream.range(0, 40).toArray();
        Network one = NetworkCompiler.load(model);
        Network two = NetworkCompiler.load(model);
        double[] start = Initializer.initialParameters(model);
        one.setParameters(start);
        two.setParameters(start);
        try (TrainingThreads threads = new TrainingThreads(2)) {
            for (int b = 0; b < 2; b++) {
                assertEquals(one.trainBatch(data, order, b * 10, b * 10 + 10, 0.01, 1.0),
                        two.trainBatch(data, order, b * 10, b * 10 + 10, 0.01, 1.0, threads));
            }
            double[] input = new double[784];
            data.input(3, input);
            BitAssertions.assertBitIdentical(one.predict(input), two.predict(input),
                    model.name() + " predict after divided batches");
            double[] state = new double[two.optimizerStateSize()];
            two.getOptimizerState(state);
            double[] expectedState = new double[one.optimizerStateSize()];
            one.getOptimizerState(expectedState);
            BitAssertions.assertBitIdentical(expectedState, state, model.name() + " optimizer state");
            assertEquals(one.trainBatch(data, order, 20, 30, 0.01, 1.0), two.trainBatch(data, order, 20, 30, 0.01, 1.0));
            one.setParameters(start);
            two.setParameters(start);
            assertEquals(one.trainBatch(data, order, 30, 40, 0.01, 1.0),
                    two.trainBatch(data, order, 30, 40, 0.01, 1.0, threads));
        }
        BitAssertions.assertBitIdentical(one.parameters(), two.parameters(), model.name() + " parameters");
    }

    @Test
    void aFailureInAWorkerFailsTheRunWithThatExceptionAndStopsTheThreads() {
        NetworkModel model = example("mnist.nn", 2);
        DenseSamples table = images(40, 5);
        IllegalStateException injected = new IllegalStateException("injected failure");
        Samples failing = new FailingInWorkers(table, injected);
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> train(model, NetworkCompiler.load(model, CodeShapes.DEFAULT_DIVIDING), failing, 2));
        assertSame(injected, thrown);
        assertEquals(Set.of(), TrainingThreadNames.alive());
    }

    @Test
    void aDivergingRunStopsAtTheBatchAndWithTheMessageOfOneThread() {
        NetworkModel softmax = epochs(ExampleModels.mnistShaped(Cost.CROSS_ENTROPY, Activation.SOFTMAX, 40), 3);
        Optimizer.Sgd huge = new Optimizer.Sgd(1e307, 10, 0.0, softmax.train().orElseThrow().optimizer().pos());
        NetworkModel model = Models.withOptimizer(softmax, huge);
        DenseSamples data = images(40, 7);
        TrainingDivergedException one = assertThrows(TrainingDivergedException.class,
                () -> train(model, NetworkCompiler.load(model), data, 1));
        for (int threads : new int[] {2, 3}) {
            Network net = NetworkCompiler.load(model, CodeShapes.DEFAULT_DIVIDING);
            TrainingDivergedException many = assertThrows(TrainingDivergedException.class,
                    () -> train(model, net, data, threads));
            assertEquals(one.getMessage(), many.getMessage());
        }
        assertEquals(Set.of(), TrainingThreadNames.alive());
    }

    @Test
    void byDefaultASmallOrDroppingFirstLayerOrOneTrainedSampleBySampleTrainsOnOneThreadAndTheResultSaysWhy() throws Exception {
        NetworkModel dense = example("mnist.nn", 1);
        for (NetworkModel model : List.of(dense, Models.withDropout(wide(1), 0, 0.5))) {
            Network net = NetworkCompiler.load(model);
            assertFalse(net.dividesTraining(), model.name());
            TrainingResult result = train(model, net, images(30, 9), 2);
            assertEquals(new ThreadUse(2, 1, "the compiled back end divides a mini-batch between threads only when"
                    + " each parameter serves at least 4 multiply-adds per sample, as in networks with convolutions, and"
                    + " this network's serve 1.0, or by the neurons of a first dense layer that reads the whole input,"
                    + " has at least 80 neurons and 8 times the parameters of the rest, an element-wise activation and"
                    + " no dropout"), result.threads());
            assertTrue(ProgressFormat.summary(result).contains("on 1 thread of 2 asked for"),
                    ProgressFormat.summary(result));
        }
        NetworkModel wide = wide(1);
        TrainingResult onEight = train(wide, NetworkCompiler.load(wide), images(30, 9), 8);
        assertEquals(new ThreadUse(8, 2, "the compiled back end gives each thread at least 40 of the first layer's"
                + " 100 neurons"), onEight.threads());
        NetworkModel xor = nnlang.testing.ModelBuilder.xor(7);
        assertEquals("its compiled class trains one sample at a time, which is not divided between threads",
                NetworkCompiler.load(xor).oneThreadReason());
        assertEquals("its compiled class trains one sample at a time, which is not divided between threads",
                NetworkCompiler.load(xor, CodeShapes.DEFAULT_DIVIDING).oneThreadReason());
    }
}
