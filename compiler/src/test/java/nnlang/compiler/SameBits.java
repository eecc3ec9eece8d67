package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bit-for-bit comparison of two back ends' doubles: equal raw bits (so +0.0 and -0.0 differ), except
 * that any NaN matches any NaN. Which NaN an operation on two NaNs or on infinities yields is not
 * specified by Java, and C2 may swap the operands of a commutative addition or multiplication, so
 * a diverged training run may end with NaNs of different payloads in otherwise identical arithmetic.
 */
final class SameBits {
    private SameBits() {}

    /** Fails naming the first index that differs (or the lengths), and both values. */
    static void assertSameBits(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + expected.length + " values expected, " + actual.length + " found");
        }
        for (int i = 0; i < expected.length; i++) {
            boolean bothNaN = Double.isNaN(expected[i]) && Double.isNaN(actual[i]);
            if (!bothNaN && Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
    }
}
