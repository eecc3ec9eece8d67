package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataSets;
import org.junit.jupiter.api.Test;

/**
 * The networks trained during the build, loaded from the jar's resources like any user's program
 * would, recognise the 10,000 MNIST test digits as well as their .nn files promise.
 */
class MnistTest {

    private static final Path DATA = Path.of("data");

    @Test
    void booksNetworkReachesItsExpectedTestAccuracy() throws Exception {
        assertAccuracyAtLeast(Mnist.trained(), 0.95);
    }

    @Test
    void betterNetworkReachesItsExpectedTestAccuracy() throws Exception {
        assertAccuracyAtLeast(MnistBetter.trained(), 0.983);
    }

    @Test
    void convolutionalNetworkReachesItsExpectedTestAccuracy() throws Exception {
        assertAccuracyAtLeast(MnistConv.trained(), 0.99);
    }

    private static void assertAccuracyAtLeast(nnlang.runtime.Network net, double minimum) throws Exception {
        Samples test = DataSets.mnist(DATA, 50_000, 10_000).test().orElseThrow();
        double[] x = new double[test.inputSize()];
        double[] y = new double[test.targetSize()];
        double[] out = new double[net.outputSize()];
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            test.input(i, x);
            test.target(i, y);
            net.predict(x, out);
            correct += argmax(out) == argmax(y) ? 1 : 0;
        }
        double accuracy = (double) correct / test.size();
        assertTrue(accuracy >= minimum, "test accuracy " + accuracy + " below " + minimum);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
