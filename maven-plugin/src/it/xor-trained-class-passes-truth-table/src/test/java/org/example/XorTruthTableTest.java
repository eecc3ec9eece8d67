package org.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XorTruthTableTest {

    @ParameterizedTest(name = "{0} xor {1} = {2}")
    @CsvSource({"0, 0, 0", "0, 1, 1", "1, 0, 1", "1, 1, 0"})
    void trainedNetworkComputesXor(double x1, double x2, double expected) {
        Xor xor = Xor.trained();
        double[] out = xor.predict(new double[] {x1, x2});
        assertEquals(expected, out[0], 0.1, "output " + out[0]);
    }
}
