package nnlang.testing;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Optimizer;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingThreads;
import nnlang.runtime.data.DenseSamples;
import nnlang.runtime.data.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every back end must do, bit for bit like the reference: the conformance suite. A module tests
 * its back ends with a subclass that lists them ({@link #backEnds()}); a new back end is one more
 * entry there. The reference is the interpreter ({@link #reference}), itself held by its own subclass
 * to {@link ReferenceNetwork}, the canonical order written as plain loops.
 *
 * <p>Each back end, on the random networks of {@link RandomNetworks} (layered and neuron-level, every
 * activation, both costs, presets, slices), on XOR, on MNIST-shaped networks and on the preset
 * examples: every prediction, the batch gradient and its cost, and after several epochs of shuffled
 * mini-batch training with and without weight decay, with every optimizer (SGD, momentum, Nesterov,
 * RMSProp, Adam, AdamW), with dropout and with every initialisation per layer, every parameter, every
 * batch cost and the optimizer's state (its counters and the dropout generator's position included);
 * the dropout masks against the documented draws; {@code trainBatch} equal to {@code gradient} then
 * {@code applyGradient}; the gradient against finite differences; a scheduled rate through the
 * {@link Trainer}, also in shards; and a diverging network stopped at the same batch with the same
 * message. The one allowance: any NaN matches any NaN ({@link BitAssertions}).
 */
public abstract class BackEndConformance {
    private static final int EPOCHS = 4;

    /** The back ends this module provides, each compared with {@link #reference}. */
    protected abstract List<BackEnd> backEnds();

    /** The network the back ends are compared with: a new interpreter. */
    protected Network reference(NetworkModel model) {
        return new Interpreter(model);
    }

    /** Random network seeds: even ones are layered networks, odd ones neuron-level DAGs. */
    static LongStream seeds() {
        return LongStream.range(0, 120);
    }

    /** The random network of {@code seed}: every third one may use the step activation. */
    public static NetworkModel random(long seed) {
        return RandomNetworks.network(seed, seed % 3 == 0 ? RandomNetworks.ALL : RandomNetworks.DIFFERENTIABLE);
    }

    @ParameterizedTest(name = "random network {0}")
    @MethodSource("seeds")
    void randomNetworksPredictDifferentiateAndTrainLikeTheReference(long seed) {
        NetworkModel model = random(seed);
        for (BackEnd b : backEnds()) {
            assertSameAsReference(model, b, seed);
        }
    }

    @ParameterizedTest(name = "random network {0} with momentum")
    @MethodSource("seeds")
    void randomNetworksTrainedWithMomentumTrainLikeTheReference(long seed) {
        NetworkModel model = Models.withMomentum(random(seed), seed);
        for (BackEnd b : backEnds()) {
            assertSameAsReference(model, b, seed);
        }
    }

    /** Each of Nesterov, RMSProp, Adam and AdamW on a quarter of the random networks, layered and not. */
    @ParameterizedTest(name = "random network {0} with the toolbox's optimizers")
    @MethodSource("seeds")
    void randomNetworksTrainedWithEveryOptimizerTrainLikeTheReference(long seed) {
        NetworkModel model = toolbox(seed);
        for (BackEnd b : backEnds()) {
            assertSameAs(this::reference, model, b, seed);
        }
    }

    /** Dropout (in most networks) and each node's own initialisation, with every optimizer in turn. */
    @ParameterizedTest(name = "random network {0} with dropout and layer inits")
    @MethodSource("seeds")
    void randomNetworksWithDropoutAndLayerInitsTrainLikeTheReference(long seed) {
        NetworkModel model = dropping(seed);
        for (BackEnd b : backEnds()) {
            assertSameAs(this::reference, model, b, seed);
        }
    }

    /** The random network of {@code seed} with the toolbox optimizer of kind (seed / 2) mod 4. */
    public static NetworkModel toolbox(long seed) {
        return Models.withToolboxOptimizer(random(seed), (int) (seed / 2 % Models.TOOLBOX_OPTIMIZERS), seed);
    }

    /**
     * The random network of {@code seed}, trained with each of the six optimizers in turn, with dropout
     * on most nodes that hold no output and an initialisation of its own on about half the nodes.
     */
    public static NetworkModel dropping(long seed) {
        int kind = (int) (seed / 2 % (Models.TOOLBOX_OPTIMIZERS + 2));
        NetworkModel base = kind == 0 ? random(seed) : kind == 1 ? Models.withMomentum(random(seed), seed)
                : Models.withToolboxOptimizer(random(seed), kind - 2, seed);
        return Models.withLayerSettings(base, seed, 0.8);
    }

    /** Convolutional network seeds. */
    public static LongStream convolutionalSeeds() {
        return LongStream.range(0, 60);
    }

    /** The convolutional network of {@code seed}: every third one may use the step activation, every other one trains with momentum. */
    public static NetworkModel convolutional(long seed) {
        NetworkModel model = RandomNetworks.convolutional(seed,
                seed % 3 == 0 ? RandomNetworks.ALL : RandomNetworks.DIFFERENTIABLE);
        return seed % 2 == 0 ? model : Models.withMomentum(model, seed);
    }

    @ParameterizedTest(name = "convolutional network {0}")
    @MethodSource("convolutionalSeeds")
    void convolutionalNetworksPredictDifferentiateAndTrainLikeTheReference(long seed) {
        NetworkModel model = convolutional(seed);
        boolean small = model.nodes().stream().allMatch(n -> n.parameterCount() <= 300);
        for (BackEnd b : backEnds()) {
            if (small || !b.smallOnly()) {
                assertSameAsReference(model, b, seed);
            }
        }
    }

    @Test
    void convolutionalGradientsMatchCentralFiniteDifferences() {
        for (BackEnd b : backEnds()) {
            GradientCheck.Result result = GradientCheck.run(b.create(), 40,
                    seed -> RandomNetworks.convolutional(seed, RandomNetworks.DIFFERENTIABLE));
            System.out.println(b + ", convolutional: " + result);
            assertTrue(result.worst() < GradientCheck.TOLERANCE, b + ": " + result);
            assertTrue(result.atKinks() * 10 < result.checked(), b + ": " + result);
            assertTrue(result.checked() > 1000, b + ": " + result);
        }
    }

    @Test
    void xorAndMnistShapedNetworksTrainLikeTheReference() {
        for (NetworkModel model : List.of(ModelBuilder.xor(7), Models.withMomentum(ModelBuilder.xor(7), 3))) {
            for (BackEnd b : backEnds()) {
                assertSameAsReference(model, b, 1);
            }
        }
        NetworkModel softmax = ExampleModels.mnistShaped(Cost.CROSS_ENTROPY, Activation.SOFTMAX, 23);
        for (NetworkModel model : List.of(ExampleModels.mnistShaped(Cost.QUADRATIC, Activation.SIGMOID, 23), softmax,
                Models.withDropout(Models.withToolboxOptimizer(softmax, 3, 9), 0, 0.5), ExampleModels.mnistConv(12))) {
            for (BackEnd b : backEnds()) {
                if (!b.smallOnly()) {
                    assertSameAsReference(model, b, 5);
                }
            }
        }
    }

    @Test
    void presetExamplesPredictLikeTheReference() {
        for (NetworkModel model : List.of(ExampleModels.nand(), ExampleModels.halfAdder(),
                ExampleModels.cheese("Cheese", 5), ExampleModels.cheese("EagerCheese", 3))) {
            double[] parameters = Initializer.initialParameters(model);
            Network expected = reference(model);
            expected.setParameters(parameters);
            for (BackEnd b : backEnds()) {
                Network actual = b.create().apply(model);
                actual.setParameters(parameters);
                for (int bits = 0; bits < 1 << model.inputSize(); bits++) {
                    double[] x = new double[model.inputSize()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (bits >> i) & 1;
                    }
                    assertBitIdentical(expected.predict(x), actual.predict(x), model.name() + " " + b + " on " + bits);
                }
            }
        }
    }

    /**
     * Training each batch on 2, 3 and 8 threads gives exactly the parameters, batch costs and
     * optimizer state of training on one, and of the reference on one: on random networks (with
     * formulas, SGD, momentum and L2, every toolbox optimizer, dropout), convolutional networks (some
     * with dropout and layer inits) and the
     * MNIST-shaped dense and convolutional networks. A network whose back end does not divide its
     * work ({@link Network#dividesTraining()}) is tried on 2 threads only; a back end must divide at
     * least one of them unless {@link #dividesSomeTraining} says it never does.
     */
    @Test
    void trainingOnTwoThreeAndEightThreadsGivesTheBitsOfOne() {
        List<NetworkModel> models = new ArrayList<>();
        for (long seed = 0; seed < 24; seed++) {
            models.add(seed % 2 == 0 ? random(seed) : Models.withMomentum(random(seed), seed));
        }
        for (long seed = 24; seed < 36; seed++) {
            models.add(toolbox(seed));
        }
        for (long seed = 0; seed < 8; seed++) {
            models.add(convolutional(seed));
        }
        for (long seed = 36; seed < 42; seed++) {
            models.add(dropping(seed));
        }
        for (long seed = 0; seed < 3; seed++) {
            models.add(Models.withLayerSettings(convolutional(seed), seed, 0.8));
        }
        models.add(ExampleModels.mnistShaped(Cost.CROSS_ENTROPY, Activation.SOFTMAX, 23));
        models.add(Models.withToolboxOptimizer(ExampleModels.mnistShaped(Cost.QUADRATIC, Activation.SIGMOID, 23), 3, 5));
        models.add(ExampleModels.mnistConv(12));
        for (NetworkModel model : models) {
            Samples data = ArraySamples.of(model);
            Optimizer optimizer = Models.withL2(model.train().orElseThrow().optimizer(), 0.25);
            double[] initial = Initializer.initialParameters(model);
            Network reference = reference(model);
            reference.setParameters(initial);
            double[] expectedCosts = MiniBatches.train(reference, optimizer, data, EPOCHS, 5);
            for (BackEnd b : backEnds()) {
                if (b.smallOnly() && model.nodes().stream().anyMatch(n -> n.parameterCount() > 300)) {
                    continue;
                }
                boolean divides = b.create().apply(model).dividesTraining();
                for (int threads : divides ? new int[] {1, 2, 3, 8} : new int[] {1, 2}) {
                    try (TrainingThreads team = new TrainingThreads(threads)) {
                        String what = model.name() + " " + b + " on " + threads + " threads";
                        Network many = b.create().apply(model);
                        many.setParameters(initial);
                        double[] actualCosts = MiniBatches.train(many, optimizer, data, EPOCHS, 5, team);
                        assertBitIdentical(reference.parameters(), many.parameters(), what);
                        assertBitIdentical(expectedCosts, actualCosts, what + " batch costs");
                        assertBitIdentical(state(reference), state(many), what + " optimizer state");
                    }
                }
            }
        }
        for (BackEnd b : backEnds()) {
            if (dividesSomeTraining(b)) {
                assertTrue(models.stream().anyMatch(model -> b.create().apply(model).dividesTraining()),
                        b + " divides none of the networks' training");
            }
        }
    }

    /** Whether back end {@code b} divides the training of some networks between threads; by default, yes. */
    protected boolean dividesSomeTraining(BackEnd b) {
        return true;
    }

    /**
     * Four threads share one network and predict every sample 50 times at once, after training on
     * another thread: each output is the single-threaded one's bits, and so is a batch prediction.
     */
    @Test
    void predictionsFromManyThreadsAtOnceAreThoseOfOneThread() throws InterruptedException {
        for (long seed = 0; seed < 24; seed++) {
            NetworkModel model = random(seed);
            Samples data = ArraySamples.of(model);
            double[][] inputs = new double[data.size()][data.inputSize()];
            for (int s = 0; s < inputs.length; s++) {
                data.input(s, inputs[s]);
            }
            for (BackEnd b : backEnds()) {
                String what = model.name() + " " + b;
                Network shared = b.create().apply(model);
                shared.setParameters(Initializer.initialParameters(model));
                predictAll(shared, inputs);
                Thread trainer = new Thread(() -> MiniBatches.train(shared, model.train().orElseThrow().optimizer(),
                        data, 1, 3));
                trainer.start();
                trainer.join();
                double[][] expected = predictAll(shared, inputs);
                Network fresh = b.create().apply(model);
                fresh.setParameters(shared.parameters());
                double[][] fromTrained = predictAll(fresh, inputs);
                for (int s = 0; s < inputs.length; s++) {
                    assertBitIdentical(fromTrained[s], expected[s], what + " after training, sample " + s);
                }
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread[] threads = new Thread[4];
                for (int t = 0; t < threads.length; t++) {
                    threads[t] = new Thread(() -> {
                        try {
                            for (int pass = 0; pass < 50; pass++) {
                                double[][] actual = predictAll(shared, inputs);
                                for (int s = 0; s < inputs.length; s++) {
                                    assertBitIdentical(expected[s], actual[s], what + ", sample " + s);
                                }
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    threads[t].start();
                }
                for (Thread t : threads) {
                    t.join();
                }
                assertEquals(List.of(), failures, what);
                double[][] batch = shared.predict(inputs);
                for (int s = 0; s < inputs.length; s++) {
                    assertBitIdentical(expected[s], batch[s], what + " batch, sample " + s);
                }
            }
        }
    }

    private static double[][] predictAll(Network network, double[][] inputs) {
        double[][] outputs = new double[inputs.length][];
        for (int s = 0; s < inputs.length; s++) {
            outputs[s] = network.predict(inputs[s]);
        }
        return outputs;
    }

    @Test
    void aTrainingStepIsTheGradientFollowedByApplyingIt() {
        for (long seed = 0; seed < 40; seed++) {
            for (NetworkModel model : List.of(random(seed), Models.withMomentum(random(seed), seed), toolbox(seed),
                    dropping(seed))) {
                Samples data = ArraySamples.of(model);
                int[] order = MiniBatches.inOrder(data.size());
                int to = Math.min(data.size(), model.train().orElseThrow().optimizer().batch());
                for (BackEnd b : backEnds()) {
                    String what = model.name() + " " + b;
                    Network fused = b.create().apply(model);
                    Network apart = b.create().apply(model);
                    double[] g = new double[model.parameterCount()];
                    for (int step = 0; step < 3; step++) {
                        double decay = step == 1 ? 0.75 : 1.0;
                        double fusedCost = fused.trainBatch(data, order, 0, to, 0.4, decay);
                        double apartCost = apart.gradient(data, order, 0, to, g);
                        apart.applyGradient(g, to, 0.4, decay);
                        assertBitIdentical(new double[] {fusedCost}, new double[] {apartCost}, what + " cost");
                        assertBitIdentical(fused.parameters(), apart.parameters(), what + " parameters, step " + step);
                        assertBitIdentical(state(fused), state(apart), what + " state, step " + step);
                    }
                }
            }
        }
    }

    @Test
    void theOptimizersStateStartsAtZeroAndRoundTrips() {
        NetworkModel model = Models.withMomentum(random(4), 4);
        for (BackEnd b : backEnds()) {
            Network net = b.create().apply(model);
            assertEquals(model.parameterCount(), net.optimizerStateSize(), b + ": one velocity per parameter");
            assertTrue(Arrays.stream(state(net)).allMatch(v -> Double.doubleToRawLongBits(v) == 0L), b + ": +0.0");
            double[] values = new java.util.Random(9).doubles(net.optimizerStateSize()).toArray();
            net.setOptimizerState(values);
            assertBitIdentical(values, state(net), b + " state read back");
            assertEquals(0, b.create().apply(random(4)).optimizerStateSize(), b + ": sgd keeps no state");
            NetworkModel adam = Models.withToolboxOptimizer(random(4), 2, 4);
            Network withMoments = b.create().apply(adam);
            assertEquals(2 * adam.parameterCount() + 1, withMoments.optimizerStateSize(), b + ": two moments and t");
            double[] moments = new java.util.Random(5).doubles(withMoments.optimizerStateSize()).toArray();
            moments[moments.length - 1] = 17;
            withMoments.setOptimizerState(moments);
            assertBitIdentical(moments, state(withMoments), b + " Adam's state read back");
            NetworkModel dropping = Models.withLayerSettings(adam, 3, 1.0);
            assertTrue(dropping.train().orElseThrow().dropsOut(), "a node drops out");
            assertEquals(2 * adam.parameterCount() + 2, b.create().apply(dropping).optimizerStateSize(),
                    b + ": and the generator's draws");
        }
    }

    /**
     * The masks every back end draws are the documented ones: for a 3-8-2 network whose hidden layer
     * drops out half its activations, trained one sample at a time, the hidden layer's bias gradient
     * (its dZ, which is gA · m · f') is 0.0 exactly where the mask drawn in the documented order is 0.0,
     * sample after sample; and predicting drops nothing.
     */
    @Test
    void dropoutMasksAreTheDocumentedDrawsOnEveryBackEnd() {
        NetworkModel model = ModelBuilder.dropout(8, 0.5);
        Samples data = ArraySamples.of(model);
        int[] order = MiniBatches.inOrder(data.size());
        int hiddenBias = 3 * 8;
        long seed = model.train().orElseThrow().seed();
        for (BackEnd b : backEnds()) {
            Network network = b.create().apply(model);
            network.setParameters(Initializer.initialParameters(model));
            double[] g = new double[model.parameterCount()];
            int dropped = 0;
            long k = 0;
            for (int step = 0; step < 40; step++) {
                int sample = step % data.size();
                network.gradient(data, order, sample, sample + 1, g);
                for (int j = 0; j < 8; j++, k++) {
                    boolean kept = ReferenceNetwork.dropoutUniform(seed, k) < 0.5;
                    assertEquals(kept, g[hiddenBias + j] != 0.0, b + ": step " + step + ", neuron " + j);
                    dropped += kept ? 0 : 1;
                }
            }
            assertTrue(dropped > 100 && dropped < 220, b + ": " + dropped + " of 320 dropped");
            double[] x = new double[3];
            data.input(0, x);
            Network reference = reference(model);
            reference.setParameters(network.parameters());
            assertBitIdentical(reference.predict(x), network.predict(x), b + ": predicting drops nothing");
        }
    }

    @Test
    void gradientsOfNetworksThatDropOutMatchCentralFiniteDifferencesWithTheirMasks() {
        for (BackEnd b : backEnds()) {
            GradientCheck.Result result = GradientCheck.runWithDropout(b.create(), 30);
            System.out.println(b + " with dropout: " + result);
            assertTrue(result.worst() < GradientCheck.TOLERANCE, b + ": " + result);
            assertTrue(result.checked() > 1000, b + ": " + result);
        }
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        for (BackEnd b : backEnds()) {
            GradientCheck.Result result = GradientCheck.run(b.create(), 100);
            System.out.println(b + ": " + result);
            assertTrue(result.worst() < GradientCheck.TOLERANCE, b + ": " + result);
            assertTrue(result.atKinks() * 100 < result.checked(), b + ": " + result);
            assertTrue(result.saturated() * 10 < 100, b + ": " + result);
        }
    }

    @Test
    void aScheduledRateWithL2TrainsToTheReferenceBitsThroughTheTrainer() throws TrainingDivergedException {
        for (NetworkModel model : List.of(ModelBuilder.xor(7), Models.withMomentum(ModelBuilder.xor(7), 2),
                ExampleModels.mnistShaped(Cost.CROSS_ENTROPY, Activation.SOFTMAX, 23))) {
            NetworkModel scheduled = withScheduleAndL2(model, Optional.of(new TrainSpec.Schedule(2, 0.3, SourcePos.NONE)));
            double[] constantRate = trainedByTheTrainer(withScheduleAndL2(model, Optional.empty()),
                    reference(withScheduleAndL2(model, Optional.empty())));
            double[] expected = trainedByTheTrainer(scheduled, reference(scheduled));
            assertFalse(Arrays.equals(constantRate, expected), model.name() + ": the schedule changes the training");
            for (BackEnd b : backEnds()) {
                if (!b.smallOnly() || model.parameterCount() < 1000) {
                    double[] actual = trainedByTheTrainer(scheduled, b.create().apply(scheduled));
                    assertBitIdentical(expected, actual, model.name() + " " + b + " trained with a schedule");
                }
            }
        }
    }

    @Test
    void trainingInShardsThroughTheTrainerGivesTheReferenceBits() throws TrainingDivergedException {
        for (NetworkModel model : List.of(ModelBuilder.xor(7), Models.withMomentum(ModelBuilder.xor(7), 2),
                ExampleModels.mnistShaped(Cost.QUADRATIC, Activation.SIGMOID, 23))) {
            NetworkModel sharded = Models.withTrain(model, model.train().orElseThrow().withShards(3));
            double[] expected = trainedByTheTrainer(sharded, reference(sharded));
            for (BackEnd b : backEnds()) {
                if (!b.smallOnly() || model.parameterCount() < 1000) {
                    double[] actual = trainedByTheTrainer(sharded, b.create().apply(sharded));
                    assertBitIdentical(expected, actual, model.name() + " " + b + " trained in 3 shards");
                }
            }
        }
    }

    @Test
    void aDivergingNetworkStopsAtTheSameBatchWithTheSameMessage() {
        NetworkModel model = diverging();
        Network expected = reference(model);
        TrainingDivergedException e = diverge(model, expected);
        assertTrue(e.getMessage().matches("(?s)scale\\.nn:8:9: error: training diverged in epoch \\d+ of 100: batch"
                + " [1-3] of 3 made parameter .* of node (h|out) (NaN|-?Infinity)(; its cost was \\S+)?\n"
                + "  hint: lower the rate \\(now 0\\.3\\).*"), e.getMessage());
        assertTrue(Arrays.stream(expected.parameters()).anyMatch(p -> !Double.isFinite(p)));
        for (BackEnd b : backEnds()) {
            Network actual = b.create().apply(model);
            assertEquals(e.getMessage(), diverge(model, actual).getMessage(), b.toString());
            assertBitIdentical(expected.parameters(), actual.parameters(), b + ": the diverging batch's end");
        }
    }

    /**
     * Predictions, gradient and trained parameters of {@code model} from its initial parameters on
     * back end {@code b} and on the reference. The samples of its table are {@link ArraySamples} for
     * even seeds and {@link DenseSamples}, whose arrays a compiled class trained in locals reads in
     * place, for odd ones.
     */
    private void assertSameAsReference(NetworkModel model, BackEnd b, long shuffleSeed) {
        assertSameAs(this::reference, model, b, shuffleSeed);
    }

    /**
     * The comparison the suite makes of one back end and one trained model, for tests of other
     * networks (such as generated programs): as {@link #randomNetworksPredictDifferentiateAndTrainLikeTheReference}
     * with {@code reference} building what {@code b} is compared with.
     */
    public static void assertSameAs(java.util.function.Function<NetworkModel, Network> reference, NetworkModel model,
            BackEnd b, long shuffleSeed) {
        Samples data = shuffleSeed % 2 == 0 ? ArraySamples.of(model)
                : DenseSamples.of((DataSpec.Table) model.train().orElseThrow().data());
        double[] initial = Initializer.initialParameters(model);
        String what = model.name() + " " + b;
        Network expected = reference.apply(model);
        Network actual = b.create().apply(model);
        expected.setParameters(initial);
        actual.setParameters(initial);
        assertSamePredictions(expected, actual, data, what + " before training");

        int[] order = MiniBatches.inOrder(data.size());
        double[] g = new double[model.parameterCount()];
        double[] h = new double[model.parameterCount()];
        double expectedCost = expected.gradient(data, order, 0, data.size(), g);
        double actualCost = actual.gradient(data, order, 0, data.size(), h);
        assertBitIdentical(g, h, what + " gradient");
        assertBitIdentical(new double[] {expectedCost}, new double[] {actualCost}, what + " gradient's cost");
        assertBitIdentical(initial, actual.parameters(), what + " parameters after gradient");

        Optimizer optimizer = model.train().orElseThrow().optimizer();
        double[] zeroState = new double[actual.optimizerStateSize()];
        for (double l2 : new double[] {0.0, 0.25}) {
            for (Network n : List.of(expected, actual)) {
                n.setParameters(initial);
                n.setOptimizerState(zeroState);
            }
            Optimizer withL2 = Models.withL2(optimizer, l2);
            double[] expectedCosts = MiniBatches.train(expected, withL2, data, EPOCHS, shuffleSeed);
            double[] actualCosts = MiniBatches.train(actual, withL2, data, EPOCHS, shuffleSeed);
            assertBitIdentical(expected.parameters(), actual.parameters(), what + " trained, l2 " + l2);
            assertBitIdentical(expectedCosts, actualCosts, what + " batch costs, l2 " + l2);
            assertBitIdentical(state(expected), state(actual), what + " optimizer state, l2 " + l2);
            assertSamePredictions(expected, actual, data, what + " after training, l2 " + l2);
        }
    }

    /**
     * Back end {@code b}'s network of {@code model} trained {@code EPOCHS} epochs of mini-batches with
     * L2 on {@code team} and on the calling thread: the same parameters, batch costs and optimizer state.
     */
    public static void assertTrainsOnThreadsLikeOnOne(NetworkModel model, BackEnd b, TrainingThreads team) {
        Samples data = ArraySamples.of(model);
        Optimizer optimizer = Models.withL2(model.train().orElseThrow().optimizer(), 0.25);
        double[] initial = Initializer.initialParameters(model);
        Network one = b.create().apply(model);
        Network many = b.create().apply(model);
        one.setParameters(initial);
        many.setParameters(initial);
        String what = model.name() + " " + b + " on " + team.size() + " threads";
        double[] expectedCosts = MiniBatches.train(one, optimizer, data, EPOCHS, 5);
        double[] actualCosts = MiniBatches.train(many, optimizer, data, EPOCHS, 5, team);
        assertBitIdentical(one.parameters(), many.parameters(), what);
        assertBitIdentical(expectedCosts, actualCosts, what + " batch costs");
        assertBitIdentical(state(one), state(many), what + " optimizer state");
    }

    private static double[] state(Network network) {
        double[] state = new double[network.optimizerStateSize()];
        network.getOptimizerState(state);
        return state;
    }

    private static void assertSamePredictions(Network expected, Network actual, Samples data, String what) {
        double[] x = new double[data.inputSize()];
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            assertBitIdentical(expected.predict(x), actual.predict(x), what + ", sample " + s);
        }
    }

    /** The model with its train block set to 7 epochs, l2 0.5 and the given schedule. */
    private static NetworkModel withScheduleAndL2(NetworkModel m, Optional<TrainSpec.Schedule> schedule) {
        TrainSpec t = m.train().orElseThrow();
        return Models.withTrain(m, new TrainSpec(t.data(), t.cost(), Models.withL2(t.optimizer(), 0.5), schedule, 7,
                t.init(), t.seed(), t.reportEvery(), t.expect(), t.pos()));
    }

    /** The parameters after the trainer ran the model's train block on {@code network}, from its initial ones. */
    private static double[] trainedByTheTrainer(NetworkModel model, Network network) throws TrainingDivergedException {
        network.setParameters(Initializer.initialParameters(model));
        TrainingData data = TrainingData.trainOnly(ArraySamples.of(model));
        return new Trainer(model).train(network, data, report -> { }).parameters();
    }

    /**
     * A linear 2-3-1 network on targets of 50 to 400 at rate 0.3 (as {@code scale.nn} would write it,
     * its optimizer at 8:9): its outputs grow without bound within a few epochs.
     */
    public static NetworkModel diverging() {
        NetworkModel base = new ModelBuilder("Scale").scalars("x1", "x2")
                .dense("h", 3, Activation.LINEAR)
                .dense("out", 1, Activation.LINEAR)
                .train(new double[][] {{1, 2}, {2, 1}, {3, 3}, {4, 0}, {0, 5}},
                        new double[][] {{100}, {200}, {300}, {400}, {50}}, Cost.QUADRATIC, 0.3, 2, 100,
                        new Init.Gaussian(0, 1, false, SourcePos.NONE), 5)
                .build();
        TrainSpec t = base.train().orElseThrow();
        SourcePos at = new SourcePos("scale.nn", 8, 9, 9);
        return Models.withTrain(base, new TrainSpec(t.data(), t.cost(), new Optimizer.Sgd(0.3, 2, 0.0, at),
                t.schedule(), t.epochs(), t.init(), t.seed(), t.reportEvery(), t.expect(), t.pos()));
    }

    private static TrainingDivergedException diverge(NetworkModel model, Network network) {
        network.setParameters(Initializer.initialParameters(model));
        TrainingData data = TrainingData.trainOnly(ArraySamples.of(model));
        return assertThrows(TrainingDivergedException.class, () -> new Trainer(model).train(network, data, r -> { }));
    }

    /** The convolutional networks cover every case the canonical order of images distinguishes. */
    @Test
    void theConvolutionalNetworksCoverEveryKindOfImageLayer() {
        Set<String> seen = new HashSet<>();
        convolutionalSeeds().forEach(seed -> {
            NetworkModel model = convolutional(seed);
            for (Node node : model.nodes()) {
                if (node.layer() instanceof nnlang.model.Conv conv) {
                    seen.add("conv " + conv.padding().keyword());
                    seen.add(conv.strideY() > 1 || conv.strideX() > 1 ? "strided conv" : "conv of stride 1");
                    seen.add(conv.channels() > 1 ? "conv of several channels" : "conv of one channel");
                    seen.add(conv.padTop() + conv.padLeft() + conv.padBottom() + conv.padRight() > 0 ? "padded" : "");
                    seen.add(node.activation().isElementwise() ? "" : "softmax conv");
                } else if (node.layer() instanceof nnlang.model.Pool pool) {
                    seen.add(pool.keyword());
                    seen.add(pool.strideY() < pool.kernelHeight() ? "overlapping windows" : "");
                } else {
                    seen.add(node.kind() == Node.Kind.NEURON ? "neuron reading a conv" : "dense reading an image");
                }
                seen.add(node.sources().size() > 1 ? "channels stacked from two sources" : "");
            }
            for (nnlang.model.Source s : model.output().sources()) {
                seen.add(model.nodes().get(s.node()).layer() instanceof nnlang.model.Dense ? "" : "an image as output");
            }
            seen.add(model.train().orElseThrow().optimizer() instanceof Optimizer.Momentum ? "momentum" : "sgd");
        });
        seen.remove("");
        assertEquals(Set.of("conv same", "conv valid", "strided conv", "conv of stride 1", "conv of several channels",
                "conv of one channel", "padded", "maxpool", "avgpool", "overlapping windows", "neuron reading a conv",
                "dense reading an image", "channels stacked from two sources", "an image as output", "momentum", "sgd"),
                seen);
    }

    /** The random networks cover every case the canonical order distinguishes. */
    @Test
    void theRandomNetworksCoverEveryCaseTheCanonicalOrderDistinguishes() {
        Set<Activation> activations = new HashSet<>();
        Set<Cost> costs = EnumSet.noneOf(Cost.class);
        int consumedOutputs = 0;
        int slicedSources = 0;
        int wideNodes = 0;
        int dividing = 0;
        int notDividing = 0;
        int decayed = 0;
        List<Long> all = new ArrayList<>();
        seeds().forEach(all::add);
        for (long seed : all) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            TrainSpec train = model.train().orElseThrow();
            costs.add(train.cost());
            for (Node node : model.nodes()) {
                activations.add(node.activation());
                wideNodes += node.size() >= 15 || node.inputSize() >= 15 ? 1 : 0;
                for (nnlang.model.Source s : node.sources()) {
                    slicedSources += s.length() < model.sizeOf(s.node()) ? 1 : 0;
                }
            }
            for (nnlang.model.Source s : model.output().sources()) {
                consumedOutputs += model.isConsumed(s.node()) ? 1 : 0;
            }
            int n = RandomNetworks.samples(model).size();
            if (n % train.optimizer().batch() == 0) {
                dividing++;
            } else {
                notDividing++;
            }
            decayed += train.optimizer().l2() > 0 ? 1 : 0;
        }
        assertEquals(RandomNetworks.ALL, activations);
        assertEquals(EnumSet.allOf(Cost.class), costs);
        assertTrue(consumedOutputs >= 10, "outputs also read by later nodes: " + consumedOutputs);
        assertTrue(slicedSources >= 25, "sliced sources: " + slicedSources);
        assertTrue(wideNodes >= 10, "nodes past EJML's 15-column kernel switch: " + wideNodes);
        assertTrue(dividing >= 10 && notDividing >= 10, "batches dividing " + dividing + ", not " + notDividing);
        assertTrue(decayed >= 10, "networks with weight decay: " + decayed);
    }
}
