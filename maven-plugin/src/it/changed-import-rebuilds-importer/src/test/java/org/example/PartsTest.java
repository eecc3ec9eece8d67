package org.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classes of networks built from parts, with the parameters the build gave them. */
class PartsTest {

    @ParameterizedTest(name = "{0} + {1} = {3}{2}")
    @CsvSource({"0, 0, 0, 0", "0, 1, 1, 0", "1, 0, 1, 0", "1, 1, 0, 1"})
    void halfAdderAddsTwoBits(double x1, double x2, double sum, double carry) {
        assertArrayEquals(new double[] {sum, carry}, HalfAdder.trained().predict(new double[] {x1, x2}));
    }

    @ParameterizedTest(name = "{0} xor {1} = {2}")
    @CsvSource({"0, 0, 0", "0, 1, 1", "1, 0, 1", "1, 1, 0"})
    void roundedXorIsExactlyZeroOrOne(double x1, double x2, double expected) {
        assertArrayEquals(new double[] {expected}, RoundXor.trained().predict(new double[] {x1, x2}));
    }
}
