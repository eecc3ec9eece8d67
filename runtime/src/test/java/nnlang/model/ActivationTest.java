package nnlang.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationTest {

    private static final double H = 1e-5;
    private static final double[] POINTS = {-3.0, -0.7, -0.1, 0.2, 0.9, 2.5};

    @Test
    void valuesAtChosenPoints() {
        assertEquals(0.5, Activation.SIGMOID.apply(0.0), 0.0);
        assertEquals(1 / (1 + Math.exp(-2.0)), Activation.SIGMOID.apply(2.0), 0.0);
        assertEquals(Math.tanh(0.5), Activation.TANH.apply(0.5), 0.0);
        assertEquals(0.0, Activation.RELU.apply(-2.0), 0.0);
        assertEquals(1.5, Activation.RELU.apply(1.5), 0.0);
        assertEquals(-4.25, Activation.LINEAR.apply(-4.25), 0.0);
        assertEquals(1.0, Activation.STEP.apply(1e-300), 0.0);
        assertEquals(0.0, Activation.STEP.apply(0.0), 0.0, "the perceptron fires only for z > 0");
    }

    @Test
    void sigmoidSaturatesWithoutNaNAtPlusAndMinusForty() {
        assertEquals(1.0, Activation.SIGMOID.apply(40.0), 0.0);
        assertEquals(Math.exp(-40.0), Activation.SIGMOID.apply(-40.0), 1e-30);
        assertEquals(0.0, Activation.SIGMOID.derivative(40.0, Activation.SIGMOID.apply(40.0)), 0.0);
        assertFalse(Double.isNaN(Activation.SIGMOID.derivative(-40.0, Activation.SIGMOID.apply(-40.0))));
        assertEquals(0.0, Activation.SIGMOID.apply(-1000.0), 0.0);
    }

    @Test
    void derivativesMatchCentralDifferencesAwayFromKinks() {
        for (Activation f : BuiltinActivation.values()) {
            if (!f.isElementwise() || f == Activation.STEP) {
                continue;
            }
            for (double z : POINTS) {
                double difference = (f.apply(z + H) - f.apply(z - H)) / (2 * H);
                assertEquals(difference, f.derivative(z, f.apply(z)), 1e-9, f + "' at " + z);
            }
        }
    }

    @Test
    void reluHasDerivativeZeroAtItsKinkAndStepEverywhere() {
        assertEquals(0.0, Activation.RELU.derivative(0.0, 0.0), 0.0);
        assertEquals(1.0, Activation.RELU.derivative(1e-300, 1e-300), 0.0);
        assertEquals(0.0, Activation.STEP.derivative(0.5, 1.0), 0.0);
        assertFalse(Activation.STEP.isDifferentiable());
    }

    @Test
    void softmaxSumsToOneAndIsStableForLargeZ() {
        double[] z = {1000.0, 1001.0, 999.0, 0.0};
        double[] a = new double[4];
        BuiltinActivation.softmax(z, a, 0, 4);
        double e1 = Math.exp(-1.0);
        double e2 = Math.exp(-2.0);
        double s = e1 + 1 + e2 + Math.exp(-1001.0);
        assertEquals(e1 / s, a[0], 1e-15);
        assertEquals(1 / s, a[1], 1e-15);
        assertEquals(e2 / s, a[2], 1e-15);
        assertEquals(0.0, a[3], 0.0);
        assertEquals(1.0, a[0] + a[1] + a[2] + a[3], 1e-15);
    }

    @Test
    void softmaxWorksOnASliceOfLargerArrays() {
        double[] z = {9, 9, 0.0, Math.log(3.0), 9};
        double[] a = {-1, -1, -1, -1, -1};
        BuiltinActivation.softmax(z, a, 2, 2);
        assertEquals(0.25, a[2], 1e-15);
        assertEquals(0.75, a[3], 1e-15);
        assertEquals(-1, a[1], 0.0);
        assertEquals(-1, a[4], 0.0);
    }

    @Test
    void softmaxBackwardMatchesCentralDifferencesOfAWeightedSum() {
        double[] z = {0.3, -1.2, 0.8, 0.1};
        double[] g = {0.5, -1.0, 2.0, 0.25};
        double[] a = new double[4];
        BuiltinActivation.softmax(z, a, 0, 4);
        double[] dz = new double[4];
        BuiltinActivation.softmaxBackward(g, a, dz, 0, 4);
        for (int j = 0; j < 4; j++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[j] += H;
            minus[j] -= H;
            double difference = (weighted(g, plus) - weighted(g, minus)) / (2 * H);
            assertEquals(difference, dz[j], 1e-9, "dC/dz_" + j);
        }
    }

    /** Σ_k g_k · softmax(z)_k. */
    private static double weighted(double[] g, double[] z) {
        double[] a = new double[z.length];
        BuiltinActivation.softmax(z, a, 0, z.length);
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            s += g[k] * a[k];
        }
        return s;
    }

    @Test
    void keywordsRoundTripAndUnknownOnesAreNull() {
        for (Activation f : BuiltinActivation.values()) {
            assertSame(f, BuiltinActivation.byKeyword(f.keyword()));
        }
        assertNull(BuiltinActivation.byKeyword("swish"));
    }

    @Test
    void softmaxIsNotElementwise() {
        assertFalse(Activation.SOFTMAX.isElementwise());
        assertTrue(Activation.SOFTMAX.isDifferentiable());
        assertThrows(IllegalStateException.class, () -> Activation.SOFTMAX.apply(1.0));
    }
}
