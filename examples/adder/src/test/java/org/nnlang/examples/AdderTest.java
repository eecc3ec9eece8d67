package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Adders made of NAND perceptrons used as parts: an OR, a full adder, and a 4-bit ripple-carry
 * adder whose every input (two 4-bit numbers and a carry, 512 combinations) gives the bits of the
 * integer sum.
 */
class AdderTest {

    @Test
    void orIsOrOfTwoBits() {
        Or or = Or.trained();
        assertArrayEquals(new double[] {0}, or.predict(new double[] {0, 0}));
        assertArrayEquals(new double[] {1}, or.predict(new double[] {0, 1}));
        assertArrayEquals(new double[] {1}, or.predict(new double[] {1, 0}));
        assertArrayEquals(new double[] {1}, or.predict(new double[] {1, 1}));
    }

    @Test
    void fullAdderAddsThreeBits() {
        FullAdder adder = FullAdder.trained();
        for (int x = 0; x <= 1; x++) {
            for (int y = 0; y <= 1; y++) {
                for (int carry = 0; carry <= 1; carry++) {
                    int sum = x + y + carry;
                    assertArrayEquals(new double[] {sum % 2, sum / 2}, adder.predict(new double[] {x, y, carry}),
                            x + " + " + y + " + " + carry);
                }
            }
        }
    }

    @Test
    void fourBitAdderAddsEveryPairOfNumbersAndCarry() {
        Adder4 adder = Adder4.trained();
        double[] in = new double[9];
        double[] out = new double[5];
        for (int a = 0; a < 16; a++) {
            for (int b = 0; b < 16; b++) {
                for (int carry = 0; carry <= 1; carry++) {
                    for (int bit = 0; bit < 4; bit++) {
                        in[bit] = (a >> bit) & 1;
                        in[4 + bit] = (b >> bit) & 1;
                    }
                    in[8] = carry;
                    adder.predict(in, out);
                    int sum = 0;
                    for (int bit = 0; bit < 5; bit++) {
                        assertEquals(out[bit] == 0 ? 0 : 1, out[bit], "every output is a bit");
                        sum += (int) out[bit] << bit;
                    }
                    assertEquals(a + b + carry, sum, a + " + " + b + " + " + carry);
                }
            }
        }
    }
}
