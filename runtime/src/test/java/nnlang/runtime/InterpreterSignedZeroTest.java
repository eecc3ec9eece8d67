package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;

import java.util.List;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.testing.ArraySamples;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/**
 * Every sum of the canonical order starts from +0.0, so a sum of products that are all -0.0 is
 * +0.0. EJML's matrix-vector kernel (used for a node of size 1) and its "reorder" kernels (used
 * from 15 columns on) start from the first product instead and would give -0.0 in these cases.
 */
class InterpreterSignedZeroTest {

    @Test
    void aNeuronWhoseProductsAreAllNegativeZeroHasPositiveZeroPreActivation() {
        // z = 0.0 + (0·-1) + (0·-1) = 0.0 + -0.0 + -0.0 = 0.0; then z + b = 0.0 + -0.0 = 0.0.
        NetworkModel model = new ModelBuilder("Zero").scalars("x1", "x2")
                .node("n", Node.Kind.NEURON, 1, Activation.LINEAR, List.of(new Source(Source.INPUT, 0, 2)),
                        new double[] {-1, -1}, new double[] {-0.0})
                .build();
        assertBitIdentical(new double[] {0.0}, new Interpreter(model).predict(new double[] {0.0, 0.0}), "output");
    }

    @Test
    void weightGradientsOfAZeroInputArePositiveZeroWithTheWideKernels() {
        // 16 inputs put gW = dZᵀ·X on EJML's reorder kernel; with x = 0 and dZ < 0 every product is -0.0.
        int inputs = 16;
        double[][] xs = {new double[inputs], new double[inputs]};
        double[][] ys = {{1.0}, {1.0}};
        double[] weights = new double[inputs];
        NetworkModel model = new ModelBuilder("ZeroInput").vector("x", inputs)
                .node("out", Node.Kind.LAYER, 1, Activation.LINEAR, List.of(new Source(Source.INPUT, 0, inputs)),
                        weights, new double[] {0.0})
                .train(xs, ys, Cost.QUADRATIC, 1.0, 2, 1, new Init.Gaussian(0, 1, false, SourcePos.NONE), 1)
                .build();
        double[] gradient = new double[model.parameterCount()];
        new Interpreter(model).gradient(ArraySamples.of(model), new int[] {0, 1}, 0, 2, gradient);
        double[] expected = new double[inputs + 1];
        expected[inputs] = -2.0;
        assertBitIdentical(expected, gradient, "gradient");
    }
}
