package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The half adder built from NAND perceptrons adds two bits: outputs {sum, carry}. */
class HalfAdderTest {

    private final HalfAdder adder = HalfAdder.trained();

    @Test
    void addsTwoBits() {
        assertArrayEquals(new double[] {0, 0}, adder.predict(new double[] {0, 0}));
        assertArrayEquals(new double[] {1, 0}, adder.predict(new double[] {0, 1}));
        assertArrayEquals(new double[] {1, 0}, adder.predict(new double[] {1, 0}));
        assertArrayEquals(new double[] {0, 1}, adder.predict(new double[] {1, 1}));
    }
}
