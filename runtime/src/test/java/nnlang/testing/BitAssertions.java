package nnlang.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** Assertions that two back ends computed exactly the same doubles, signed zeros included. */
public final class BitAssertions {

    private BitAssertions() {}

    /** Fails naming the first index whose raw bits differ (or the lengths), and both values. */
    public static void assertBitIdentical(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + expected.length + " values expected, " + actual.length + " found");
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
    }
}
