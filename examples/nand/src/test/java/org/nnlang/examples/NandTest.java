package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The generated Nand class, with the weights and bias of nand.nn, computes NAND exactly. */
class NandTest {

    private final Nand nand = Nand.trained();

    @Test
    void outputsZeroOnlyWhenBothInputsAreOne() {
        assertArrayEquals(new double[] {1}, nand.predict(new double[] {0, 0}));
        assertArrayEquals(new double[] {1}, nand.predict(new double[] {0, 1}));
        assertArrayEquals(new double[] {1}, nand.predict(new double[] {1, 0}));
        assertArrayEquals(new double[] {0}, nand.predict(new double[] {1, 1}));
    }
}
