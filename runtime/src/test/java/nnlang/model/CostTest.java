package nnlang.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CostTest {

    private static final double H = 1e-6;

    @Test
    void quadraticIsHalfTheSquaredDistance() {
        assertEquals(0.5 * (0.25 + 4.0), Cost.QUADRATIC.value(new double[] {0.5, 3.0}, new double[] {1.0, 1.0}, false), 0.0);
    }

    @Test
    void crossEntropyOfSigmoidOutputsAtChosenPoints() {
        double c = Cost.CROSS_ENTROPY.value(new double[] {0.8, 0.3}, new double[] {1.0, 0.25}, false);
        double expected = -Math.log(0.8) - (0.25 * Math.log(0.3) + 0.75 * Math.log(0.7));
        assertEquals(expected, c, 1e-15);
    }

    @Test
    void crossEntropyOfPerfectOutputsIsZeroNotNaN() {
        assertEquals(0.0, Cost.CROSS_ENTROPY.value(new double[] {1.0, 0.0}, new double[] {1.0, 0.0}, false), 0.0);
        assertEquals(0.0, Cost.CROSS_ENTROPY.value(new double[] {1.0, 0.0}, new double[] {1.0, 0.0}, true), 0.0);
    }

    @Test
    void crossEntropyOfASoftmaxOutputIsTheLogLikelihood() {
        double c = Cost.CROSS_ENTROPY.value(new double[] {0.2, 0.7, 0.1}, new double[] {0, 1, 0}, true);
        assertEquals(-Math.log(0.7), c, 1e-15);
    }

    @Test
    void quadraticDerivativeIsOutputMinusTarget() {
        double[] a = {0.3, -1.2};
        double[] y = {0.5, 0.4};
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j] - y[j], derivative(Cost.QUADRATIC, a, y, j, false), 1e-9, "dC/da_" + j);
        }
    }

    @Test
    void crossEntropyThroughSigmoidHasTheFusedDerivativeOutputMinusTarget() {
        double[] z = {0.4, -1.5};
        double[] y = {1.0, 0.3};
        for (int j = 0; j < z.length; j++) {
            double[] plus = sigmoid(z);
            double[] minus = sigmoid(z);
            plus[j] = Activation.SIGMOID.apply(z[j] + H);
            minus[j] = Activation.SIGMOID.apply(z[j] - H);
            double difference = (Cost.CROSS_ENTROPY.value(plus, y, false) - Cost.CROSS_ENTROPY.value(minus, y, false)) / (2 * H);
            assertEquals(sigmoid(z)[j] - y[j], difference, 1e-8, "dC/dz_" + j);
        }
    }

    @Test
    void crossEntropyThroughSoftmaxHasTheFusedDerivativeOutputMinusTarget() {
        double[] z = {0.4, -1.5, 2.0};
        double[] y = {0, 0, 1};
        double[] a = softmax(z);
        for (int j = 0; j < z.length; j++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[j] += H;
            minus[j] -= H;
            double difference = (Cost.CROSS_ENTROPY.value(softmax(plus), y, true)
                    - Cost.CROSS_ENTROPY.value(softmax(minus), y, true)) / (2 * H);
            assertEquals(a[j] - y[j], difference, 1e-8, "dC/dz_" + j);
        }
    }

    @Test
    void keywordsRoundTripAndUnknownOnesAreNull() {
        for (Cost c : Cost.values()) {
            assertSame(c, Cost.byKeyword(c.keyword()));
        }
        assertNull(Cost.byKeyword("hinge"));
    }

    private static double derivative(Cost cost, double[] a, double[] y, int j, boolean softmax) {
        double[] plus = a.clone();
        double[] minus = a.clone();
        plus[j] += H;
        minus[j] -= H;
        return (cost.value(plus, y, softmax) - cost.value(minus, y, softmax)) / (2 * H);
    }

    private static double[] sigmoid(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            a[j] = Activation.SIGMOID.apply(z[j]);
        }
        return a;
    }

    private static double[] softmax(double[] z) {
        double[] a = new double[z.length];
        BuiltinActivation.softmax(z, a, 0, z.length);
        return a;
    }
}
