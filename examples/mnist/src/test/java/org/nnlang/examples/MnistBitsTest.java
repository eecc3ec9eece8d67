package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataSets;
import org.junit.jupiter.api.Test;

/**
 * Chapter 1's exercise on the 10,000 MNIST test images: MnistBits, the trained Mnist network, the
 * one-hot of its largest output (Largest, of perceptrons) and a fixed layer of four perceptrons,
 * gives the digit in binary. Its bits are those of the digit the network's largest output names,
 * on every image, so they are right exactly as often as the network is.
 */
class MnistBitsTest {

    private static final Path DATA = Path.of("data");

    @Test
    void bitsAreTheDigitTheNetworkReadsInBinary() throws Exception {
        MnistBits bits = MnistBits.trained();
        Mnist mnist = Mnist.trained();
        Samples test = DataSets.mnist(DATA, 50_000, 10_000).test().orElseThrow();
        double[] x = new double[test.inputSize()];
        double[] y = new double[test.targetSize()];
        double[] digits = new double[10];
        double[] binary = new double[4];
        int bitsRight = 0;
        int digitRight = 0;
        int agree = 0;
        for (int i = 0; i < test.size(); i++) {
            test.input(i, x);
            test.target(i, y);
            int label = argmax(y);
            mnist.predict(x, digits);
            bits.predict(x, binary);
            int read = (int) (8 * binary[0] + 4 * binary[1] + 2 * binary[2] + binary[3]);
            bitsRight += read == label ? 1 : 0;
            digitRight += argmax(digits) == label ? 1 : 0;
            agree += read == argmax(digits) ? 1 : 0;
        }
        System.out.printf("MnistBits: bits right for %d of %d test images, the digit for %d; they agree on %d%n",
                bitsRight, test.size(), digitRight, agree);
        assertTrue(digitRight >= 0.94 * test.size(), "the digit right for " + digitRight);
        assertEquals(digitRight, bitsRight, "the bits are right exactly when the digit is");
        assertEquals(test.size(), agree, "the bits are the largest output's digit on every image");
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
