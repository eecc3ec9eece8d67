package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlang.runtime.Network;
import org.junit.jupiter.api.Test;

/**
 * The Xor and XorSoftsign classes trained during the build compute XOR: every output within 0.1 of
 * its target. XorSoftsign's hidden layer uses an activation defined by a formula in its source.
 */
class XorTest {

    /** How far from the target an output may be; the decision threshold is 0.5. */
    private static final double MARGIN = 0.1;

    @Test
    void buildTrainedNetworkComputesXor() {
        assertComputesXor(Xor.trained());
    }

    @Test
    void buildTrainedNetworkWithAFormulaActivationComputesXor() {
        assertComputesXor(XorSoftsign.trained());
    }

    private static void assertComputesXor(Network xor) {
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] targets = {0, 1, 1, 0};
        for (int i = 0; i < inputs.length; i++) {
            double y = xor.predict(inputs[i])[0];
            assertTrue(Math.abs(y - targets[i]) < MARGIN,
                    "xor(" + (int) inputs[i][0] + ", " + (int) inputs[i][1] + ") = " + y + ", expected " + targets[i]);
        }
    }
}
