package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;

import java.util.Random;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.testing.RandomNetworks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's batch loops compute exactly the bits of the {@link Activation} table, for the
 * built-ins and for formulas run step by step over whole arrays.
 */
class ActivationsTest {

    private static final int ROWS = 7;
    private static final int COLUMNS = 5;

    /** Ordinary values, zeros of both signs, kinks and saturation. */
    private static DMatrixRMaj preActivations() {
        Random random = new Random(17);
        DMatrixRMaj z = new DMatrixRMaj(ROWS, COLUMNS);
        double[] special = {0.0, -0.0, 40.0, -40.0, 800.0, -800.0, 1e-300, -1e-300, 36.7};
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] = i < special.length ? special[i] : 8 * random.nextGaussian();
        }
        return z;
    }

    @Test
    void applyEqualsTheTableElementByElementAndSoftmaxRowByRow() {
        DMatrixRMaj z = preActivations();
        for (Activation f : RandomNetworks.ALL) {
            DMatrixRMaj a = new DMatrixRMaj(1, 1);
            new Activations(f).apply(z, a);
            assertBitIdentical(expectedApply(f, z), a.data.clone(), f.keyword());
        }
    }

    @Test
    void backwardEqualsUpstreamGradientTimesTheTablesDerivative() {
        DMatrixRMaj z = preActivations();
        DMatrixRMaj g = new DMatrixRMaj(ROWS, COLUMNS);
        Random random = new Random(3);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = i % 4 == 0 ? -0.0 : random.nextGaussian();
        }
        for (Activation f : RandomNetworks.ALL) {
            DMatrixRMaj a = new DMatrixRMaj(ROWS, COLUMNS);
            Activations kernels = new Activations(f);
            kernels.apply(z, a);
            DMatrixRMaj dz = new DMatrixRMaj(1, 1);
            kernels.backward(z, a, g, dz);
            double[] expected = new double[ROWS * COLUMNS];
            for (int row = 0; row < ROWS; row++) {
                int from = row * COLUMNS;
                if (f.isElementwise()) {
                    for (int i = from; i < from + COLUMNS; i++) {
                        expected[i] = g.data[i] * f.derivative(z.data[i], a.data[i]);
                    }
                } else {
                    BuiltinActivation.softmaxBackward(g.data, a.data, expected, from, COLUMNS);
                }
            }
            assertBitIdentical(expected, dz.data.clone(), f.keyword() + "'");
        }
    }

    private static double[] expectedApply(Activation f, DMatrixRMaj z) {
        double[] expected = new double[ROWS * COLUMNS];
        for (int row = 0; row < ROWS; row++) {
            if (f.isElementwise()) {
                for (int i = row * COLUMNS; i < (row + 1) * COLUMNS; i++) {
                    expected[i] = f.apply(z.data[i]);
                }
            } else {
                BuiltinActivation.softmax(z.data, expected, row * COLUMNS, COLUMNS);
            }
        }
        return expected;
    }
}
