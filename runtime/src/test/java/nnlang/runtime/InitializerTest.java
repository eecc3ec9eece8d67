package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

class InitializerTest {

    private static final double[][] ONE_SAMPLE_X = {{0, 0, 0}};
    private static final double[][] ONE_SAMPLE_Y = {{0, 0}};

    /** 3 inputs, a dense 4 layer, then a 2-neuron node; the given presets on the second node. */
    private static NetworkModel model(Init.Gaussian init, long seed, double[] presetWeights, double[] presetBiases) {
        return new ModelBuilder("Init").vector("x", 3)
                .dense("hidden", 4, Activation.TANH)
                .node("out", Node.Kind.LAYER, 2, Activation.SIGMOID, List.of(new Source(0, 0, 4)),
                        presetWeights, presetBiases)
                .train(ONE_SAMPLE_X, ONE_SAMPLE_Y, Cost.QUADRATIC, 1.0, 1, 1, init, seed)
                .build();
    }

    private static Init.Gaussian gaussian(double mean, double sd, boolean scaled) {
        return new Init.Gaussian(mean, sd, scaled, SourcePos.NONE);
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedOthers() {
        double[] a = Initializer.initialParameters(model(gaussian(0, 1, false), 42, null, null));
        double[] b = Initializer.initialParameters(model(gaussian(0, 1, false), 42, null, null));
        double[] c = Initializer.initialParameters(model(gaussian(0, 1, false), 43, null, null));
        assertBitIdentical(a, b, "seed 42 twice");
        assertTrue(a[0] != c[0] && a[a.length - 1] != c[c.length - 1], "seed 43 draws other values");
    }

    @Test
    void parametersAreMeanPlusSdTimesOneGaussianDrawEachInParameterOrder() {
        double[] p = Initializer.initialParameters(model(gaussian(0.25, 2.0, false), 9, null, null));
        Random random = new Random(9);
        for (int i = 0; i < p.length; i++) {
            assertEquals(0.25 + 2.0 * random.nextGaussian(), p[i], 0.0, "parameter " + i);
        }
    }

    @Test
    void presetsKeepTheirValuesAndDoNotShiftTheOtherDraws() {
        double[] weights = new double[8];
        java.util.Arrays.fill(weights, Double.NaN);
        weights[3] = -2.0;
        double[] biases = {Double.NaN, 3.0};
        double[] free = Initializer.initialParameters(model(gaussian(0, 1, false), 5, null, null));
        double[] preset = Initializer.initialParameters(model(gaussian(0, 1, false), 5, weights, biases));
        int out = 4 * 3 + 4;
        for (int i = 0; i < free.length; i++) {
            double expected = i == out + 3 ? -2.0 : i == out + 8 + 1 ? 3.0 : free[i];
            assertEquals(expected, preset[i], 0.0, "parameter " + i);
        }
    }

    @Test
    void scaledDividesTheWeightSdBySqrtFanInButNotTheBiasSd() {
        double[] p = Initializer.initialParameters(model(gaussian(0.5, 3.0, true), 11, null, null));
        Random random = new Random(11);
        double[] fanIns = {3, 4};
        int[] sizes = {4, 2};
        int i = 0;
        for (int n = 0; n < 2; n++) {
            double weightSd = 3.0 / Math.sqrt(fanIns[n]);
            for (int w = 0; w < sizes[n] * fanIns[n]; w++, i++) {
                assertEquals(0.5 + weightSd * random.nextGaussian(), p[i], 0.0, "weight " + i);
            }
            for (int b = 0; b < sizes[n]; b++, i++) {
                assertEquals(0.5 + 3.0 * random.nextGaussian(), p[i], 0.0, "bias " + i);
            }
        }
    }

    @Test
    void scaledWeightsOfAWideLayerHaveTheScaledSpread() {
        int fanIn = 400;
        NetworkModel model = new ModelBuilder("Wide").vector("x", fanIn)
                .dense("out", 50, Activation.SIGMOID)
                .train(new double[][] {new double[fanIn]}, new double[][] {new double[50]}, Cost.QUADRATIC, 1.0, 1, 1,
                        gaussian(0, 1, true), 3)
                .build();
        double[] p = Initializer.initialParameters(model);
        double sumSquares = 0;
        for (int i = 0; i < 50 * fanIn; i++) {
            sumSquares += p[i] * p[i];
        }
        double sd = Math.sqrt(sumSquares / (50 * fanIn));
        assertEquals(1.0 / Math.sqrt(fanIn), sd, 0.03 / Math.sqrt(fanIn), "sample sd of 20,000 weights");
    }

    @Test
    void withoutTrainBlockThePresetsAreTheParameters() {
        NetworkModel model = new ModelBuilder("Nand").scalars("x1", "x2")
                .node("out", Node.Kind.NEURON, 1, Activation.STEP, List.of(new Source(Source.INPUT, 0, 2)),
                        new double[] {-2, -2}, new double[] {3})
                .build();
        assertBitIdentical(new double[] {-2, -2, 3}, Initializer.initialParameters(model), "presets");
    }

    @Test
    void withoutTrainBlockAMissingValueIsRefusedNamingTheNode() {
        NetworkModel model = new ModelBuilder("Half").scalars("x1", "x2")
                .node("gate", Node.Kind.NEURON, 1, Activation.STEP, List.of(new Source(Source.INPUT, 0, 2)),
                        new double[] {-2, Double.NaN}, new double[] {3})
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.initialParameters(model));
        assertTrue(e.getMessage().contains("gate"), e.getMessage());
    }
}
