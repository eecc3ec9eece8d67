package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlang.model.NetworkModel;
import nnlang.testing.ArraySamples;
import nnlang.testing.MiniBatches;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/**
 * The network of {@code examples/xor.nn} (2-2-1 sigmoid, quadratic cost, rate 2.0, one full batch
 * of 4, gaussian(0, 1), seed 7) learns XOR in 5000 epochs on the interpreter. Of the seeds 0 to 20,
 * these were measured to learn it: 1, 3, 4, 5, 6, 7, 8, 12, 13, 14, 16, 17, 19, 20; the others
 * (0, 2, 9, 10, 11, 15, 18) end in a local minimum with one or more outputs near 0.5 or 0.67.
 */
class InterpreterXorTest {

    /** Every output must be on the right side of 0.5 by this much: within 0.1 of its target. */
    private static final double MARGIN = 0.4;

    @Test
    void seedSevenLearnsXorInFiveThousandFullBatchEpochs() {
        NetworkModel model = ModelBuilder.xor(7);
        ArraySamples data = ArraySamples.of(model);
        Interpreter network = new Interpreter(model);
        int[] order = MiniBatches.inOrder(data.size());
        for (int epoch = 0; epoch < 5000; epoch++) {
            network.trainBatch(data, order, 0, data.size(), 2.0, 1.0);
        }
        double[] x = new double[2];
        double[] y = new double[1];
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            data.target(s, y);
            double out = network.predict(x)[0];
            double margin = y[0] == 1.0 ? out - 0.5 : 0.5 - out;
            assertTrue(margin >= MARGIN, "XOR(" + x[0] + ", " + x[1] + ") gave " + out);
        }
    }
}
