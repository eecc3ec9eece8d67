package nnlang.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Assertions that two back ends computed exactly the same doubles: equal raw bits (so +0.0 and -0.0
 * differ), except that any NaN matches any NaN. Which NaN an operation on NaNs or on infinities
 * yields is not specified by Java, and C2 may swap the operands of a commutative addition or
 * multiplication, so a diverged run may end with NaNs of different sign or payload in otherwise
 * identical arithmetic.
 */
public final class BitAssertions {

    private BitAssertions() {}

    /** Fails naming the first index that differs (or the lengths), and both values. */
    public static void assertBitIdentical(double[] expected, double[] actual, String what) {
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
