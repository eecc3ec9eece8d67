package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.runtime.data.DenseSamples;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static NetworkModel model(int size, Activation activation, boolean classifier) {
        return TestModels.dense("N", size, new int[] {size}, new Activation[] {activation}, classifier, Optional.empty());
    }

    /** A network whose output is its input: a = I·x + 0. */
    private static Network identity(int size) {
        LinearNetwork net = new LinearNetwork("N", size, size);
        double[] p = new double[size * size + size];
        for (int j = 0; j < size; j++) {
            p[j * size + j] = 1.0;
        }
        net.setParameters(p);
        return net;
    }

    private static Evaluation evaluate(NetworkModel model, Cost cost, double[] outputs, double[] targets) {
        int size = model.outputSize();
        return new Evaluator(model, cost).evaluate(identity(size), new DenseSamples(size, size, outputs, targets),
                Evaluation.DataSet.TRAINING, 1);
    }

    @Test
    void aClassifierIsRightWhenTheArgmaxMatchesTheFirstOnTies() {
        Evaluation e = evaluate(model(3, Activation.SIGMOID, true), Cost.QUADRATIC,
                new double[] {0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.0, 0.0, 1.0},
                new double[] {0, 1, 0, 0, 1, 0, 0, 0, 1});
        assertEquals(2, e.correct());
        assertEquals(3, e.size());
        ConfusionMatrix m = e.confusion().orElseThrow();
        assertEquals(1, m.count(1, 1));
        assertEquals(1, m.count(1, 0));
        assertEquals(1, m.count(2, 2));
        assertEquals(0.5, m.accuracy(1));
        assertTrue(Double.isNaN(m.accuracy(0)));
    }

    @Test
    void withoutClassesEveryOutputMustBeStrictlyWithinHalfOfItsTarget() {
        Evaluation e = evaluate(model(2, Activation.SIGMOID, false), Cost.QUADRATIC,
                new double[] {0.4, 0.6, 0.5, 1.0, 0.0, 0.9}, new double[] {0, 1, 0, 1, 1, 1});
        assertEquals(1, e.correct());
        assertTrue(e.confusion().isEmpty());
    }

    @Test
    void partsEvaluatedApartCombineIntoTheWholeSet() {
        NetworkModel model = model(3, Activation.SIGMOID, true);
        double[] outputs = {0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.0, 0.0, 1.0};
        double[] targets = {0, 1, 0, 0, 1, 0, 0, 0, 1};
        Evaluation whole = evaluate(model, Cost.QUADRATIC, outputs, targets);
        Evaluation first = evaluate(model, Cost.QUADRATIC, java.util.Arrays.copyOf(outputs, 3),
                java.util.Arrays.copyOf(targets, 3));
        Evaluation rest = evaluate(model, Cost.QUADRATIC, java.util.Arrays.copyOfRange(outputs, 3, 9),
                java.util.Arrays.copyOfRange(targets, 3, 9));
        Evaluation none = new Evaluation(Evaluation.DataSet.TRAINING, 0, 0, Double.NaN,
                Optional.of(new ConfusionMatrix(model.output().classes().orElseThrow())));
        Evaluation combined = Evaluation.combine(Evaluation.DataSet.TRAINING, List.of(first, none, rest));
        assertEquals(whole.size(), combined.size());
        assertEquals(whole.correct(), combined.correct());
        assertEquals(whole.cost(), combined.cost(), 1e-15);
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(whole.confusion().orElseThrow().count(a, p), combined.confusion().orElseThrow().count(a, p));
            }
        }
    }

    @Test
    void theCostIsTheMeanPerSampleCost() {
        Evaluation e = evaluate(model(2, Activation.SIGMOID, false), Cost.QUADRATIC,
                new double[] {1, 0, 0, 3}, new double[] {0, 0, 0, 1});
        assertEquals((0.5 + 2.0) / 2, e.cost());
    }

    @Test
    void aSoftmaxOutputTakesTheLogLikelihoodFormOfCrossEntropy() {
        double[] a = {0.7, 0.3};
        double[] y = {1, 0};
        assertEquals(-Math.log(0.7), evaluate(model(2, Activation.SOFTMAX, true), Cost.CROSS_ENTROPY, a, y).cost());
        assertEquals(-Math.log(0.7) - Math.log1p(-0.3),
                evaluate(model(2, Activation.SIGMOID, true), Cost.CROSS_ENTROPY, a, y).cost(), 1e-15);
    }

    @Test
    void onlyAWholeSoftmaxNodeIsASoftmaxOutput() {
        assertTrue(model(3, Activation.SOFTMAX, true).hasSoftmaxOutput());
        assertFalse(model(3, Activation.SIGMOID, true).hasSoftmaxOutput());
        NetworkModel whole = model(3, Activation.SOFTMAX, true);
        NetworkModel slice = new NetworkModel(whole.name(), whole.sourceFile(), whole.inputs(), whole.nodes(),
                new Output(List.of(new Source(0, 1, 2)), Optional.empty(),
                        whole.output().pos()),
                Optional.empty(), whole.pos());
        assertFalse(slice.hasSoftmaxOutput());
    }

    /**
     * 20,000 samples of a 10-10 network, large enough to be split between threads: the same cost
     * bits and counts on 1, 2 and 5 threads, for a classifier and for the within-half count.
     */
    @Test
    void aLargeSetEvaluatesToTheSameBitsOnAnyNumberOfThreads() {
        int size = 10;
        int n = 20_000;
        java.util.Random random = new java.util.Random(18);
        double[] outputs = new double[n * size];
        double[] targets = new double[n * size];
        for (int k = 0; k < outputs.length; k++) {
            outputs[k] = random.nextDouble();
            targets[k] = random.nextInt(4) == 0 ? 1.0 : 0.0;
        }
        DenseSamples data = new DenseSamples(size, size, outputs, targets);
        for (boolean classifier : new boolean[] {true, false}) {
            Evaluator evaluator = new Evaluator(model(size, Activation.SIGMOID, classifier), Cost.QUADRATIC);
            Evaluation one = evaluator.evaluate(identity(size), data, Evaluation.DataSet.TEST, 1);
            for (int threads : new int[] {2, 5}) {
                Evaluation many = evaluator.evaluate(identity(size), data, Evaluation.DataSet.TEST, threads);
                assertEquals(Double.doubleToRawLongBits(one.cost()), Double.doubleToRawLongBits(many.cost()));
                assertEquals(one.correct(), many.correct());
                for (int actual = 0; classifier && actual < size; actual++) {
                    for (int predicted = 0; predicted < size; predicted++) {
                        assertEquals(one.confusion().orElseThrow().count(actual, predicted),
                                many.confusion().orElseThrow().count(actual, predicted));
                    }
                }
            }
        }
    }
}
