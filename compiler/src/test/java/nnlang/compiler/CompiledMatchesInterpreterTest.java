package nnlang.compiler;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Optional;
import nnlang.model.Optimizer;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.data.DenseSamples;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.ArraySamples;
import nnlang.testing.MiniBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled class and the interpreter, started from the same parameters, give the same bits: every
 * prediction, the batch gradient, and every parameter after several epochs of shuffled mini-batch
 * training with and without L2, under every code shape; and the trainer, with a learning-rate
 * schedule, trains both to the same bits.
 */
class CompiledMatchesInterpreterTest {
    private static final int EPOCHS = 4;

    static java.util.stream.LongStream seeds() {
        return CodeShapes.seeds();
    }

    @ParameterizedTest(name = "random network {0}")
    @MethodSource("seeds")
    void randomNetworkPredictsDifferentiatesAndTrainsBitForBitLikeTheInterpreter(long seed) {
        NetworkModel model = CodeShapes.random(seed);
        for (CompilerOptions shape : CodeShapes.FOR_SMALL) {
            assertSameAsInterpreter(model, shape, seed);
        }
    }

    @Test
    void xorTrainsBitForBitLikeTheInterpreter() {
        NetworkModel model = nnlang.testing.ModelBuilder.xor(7);
        for (CompilerOptions shape : CodeShapes.FOR_SMALL) {
            assertSameAsInterpreter(model, shape, 1);
        }
    }

    @Test
    void mnistShapedNetworksTrainBitForBitLikeTheInterpreter() {
        for (NetworkModel model : new NetworkModel[] {
                ExampleModels.mnistShaped(nnlang.model.Cost.QUADRATIC, nnlang.model.Activation.SIGMOID, 23),
                ExampleModels.mnistShaped(nnlang.model.Cost.CROSS_ENTROPY, nnlang.model.Activation.SOFTMAX, 23)}) {
            for (CompilerOptions shape : CodeShapes.FOR_ANY) {
                assertSameAsInterpreter(model, shape, 5);
            }
        }
    }

    @Test
    void presetExamplesPredictBitForBitLikeTheInterpreter() {
        for (NetworkModel model : new NetworkModel[] {ExampleModels.nand(), ExampleModels.halfAdder(),
                ExampleModels.cheese("Cheese", 5), ExampleModels.cheese("EagerCheese", 3)}) {
            double[] parameters = Initializer.initialParameters(model);
            Network interpreted = new Interpreter(model);
            interpreted.setParameters(parameters);
            for (CompilerOptions shape : CodeShapes.FOR_SMALL) {
                Network compiled = NetworkCompiler.load(model, shape);
                compiled.setParameters(parameters);
                for (int bits = 0; bits < 1 << model.inputSize(); bits++) {
                    double[] x = new double[model.inputSize()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (bits >> i) & 1;
                    }
                    assertBitIdentical(interpreted.predict(x), compiled.predict(x), model.name() + " on " + bits);
                }
            }
        }
    }

    @Test
    void aScheduledRateWithL2TrainsBothBackEndsToTheSameBits() throws TrainingDivergedException {
        for (NetworkModel model : new NetworkModel[] {nnlang.testing.ModelBuilder.xor(7),
                ExampleModels.mnistShaped(nnlang.model.Cost.CROSS_ENTROPY, nnlang.model.Activation.SOFTMAX, 23)}) {
            NetworkModel scheduled = withScheduleAndL2(model, Optional.of(new TrainSpec.Schedule(2, 0.3, SourcePos.NONE)));
            double[] constantRate = trainedByTheTrainer(withScheduleAndL2(model, Optional.empty()), new Interpreter(model));
            double[] interpreted = trainedByTheTrainer(scheduled, new Interpreter(scheduled));
            assertFalse(Arrays.equals(constantRate, interpreted), model.name() + ": the schedule changes the training");
            for (CompilerOptions shape : CodeShapes.FOR_ANY) {
                double[] compiled = trainedByTheTrainer(scheduled, NetworkCompiler.load(scheduled, shape));
                assertBitIdentical(interpreted, compiled, model.name() + " " + shape + " trained with a schedule");
            }
        }
    }

    /** The model with its train block set to 7 epochs, l2 0.5 and the given schedule. */
    private static NetworkModel withScheduleAndL2(NetworkModel m, Optional<TrainSpec.Schedule> schedule) {
        TrainSpec t = m.train().orElseThrow();
        Optimizer.Sgd sgd = new Optimizer.Sgd(t.optimizer().rate(), t.optimizer().batch(), 0.5, t.optimizer().pos());
        TrainSpec spec = new TrainSpec(t.data(), t.cost(), sgd, schedule, 7, t.init(), t.seed(),
                t.reportEvery(), t.expect(), t.pos());
        return new NetworkModel(m.name(), m.sourceFile(), m.inputs(), m.nodes(), m.output(), Optional.of(spec),
                m.pos());
    }

    /** The parameters after the trainer ran the model's train block on {@code network}, from its initial ones. */
    private static double[] trainedByTheTrainer(NetworkModel model, Network network) throws TrainingDivergedException {
        network.setParameters(Initializer.initialParameters(model));
        TrainingData data = TrainingData.trainOnly(ArraySamples.of(model));
        return new Trainer(model).train(network, data, report -> { }).parameters();
    }

    /**
     * Predictions, gradient and trained parameters of {@code model} from its initial parameters. The
     * samples of its table are {@link ArraySamples} for even seeds and {@link DenseSamples}, whose arrays
     * a class trained in locals reads in place, for odd ones.
     */
    static void assertSameAsInterpreter(NetworkModel model, CompilerOptions shape, long shuffleSeed) {
        Samples data = shuffleSeed % 2 == 0 ? ArraySamples.of(model)
                : DenseSamples.of((DataSpec.Table) model.train().orElseThrow().data());
        double[] initial = Initializer.initialParameters(model);
        String what = model.name() + " " + shape;
        Network interpreted = new Interpreter(model);
        Network compiled = NetworkCompiler.load(model, shape);
        interpreted.setParameters(initial);
        compiled.setParameters(initial);
        assertSamePredictions(interpreted, compiled, data, what + " before training");

        int[] order = MiniBatches.inOrder(data.size());
        double[] expected = new double[model.parameterCount()];
        double[] actual = new double[model.parameterCount()];
        interpreted.gradient(data, order, 0, data.size(), expected);
        compiled.gradient(data, order, 0, data.size(), actual);
        assertBitIdentical(expected, actual, what + " gradient");
        assertBitIdentical(initial, compiled.parameters(), what + " parameters after gradient");

        Optimizer sgd = model.train().orElseThrow().optimizer();
        for (double l2 : new double[] {0.0, 0.25}) {
            Optimizer.Sgd withL2 = new Optimizer.Sgd(sgd.rate(), sgd.batch(), l2, sgd.pos());
            interpreted.setParameters(initial);
            compiled.setParameters(initial);
            double[] interpretedCosts = MiniBatches.train(interpreted, withL2, data, EPOCHS, shuffleSeed);
            double[] compiledCosts = MiniBatches.train(compiled, withL2, data, EPOCHS, shuffleSeed);
            assertBitIdentical(interpreted.parameters(), compiled.parameters(), what + " trained, l2 " + l2);
            assertBitIdentical(interpretedCosts, compiledCosts, what + " batch costs, l2 " + l2);
            assertSamePredictions(interpreted, compiled, data, what + " after training, l2 " + l2);
        }
    }

    private static void assertSamePredictions(Network expected, Network actual, Samples data, String what) {
        double[] x = new double[data.inputSize()];
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            assertBitIdentical(expected.predict(x), actual.predict(x), what + ", sample " + s);
        }
    }

}
