package nnlang.interop.onnx;

/**
 * How closely another runtime's outputs agree with nnlang's: the largest relative difference, and
 * where it occurred. The relative difference of a and b is 0 when they are equal (both NaN
 * included), else |a − b| / max(|a|, |b|); one NaN against a number is infinite.
 *
 * <p>An output near 0 that is the difference of larger terms (a linear output of −8e-5 summed from
 * terms of order 1) carries the rounding of those terms, about 1e-16 absolute, whichever order a
 * runtime adds them in; relative to its own small size that is large. So the bar {@link #meets}
 * checks is relative for outputs of magnitude at least {@value #SMALL} and absolute below it:
 * relative difference at most {@code rtol}, or absolute difference at most {@code rtol × }
 * {@value #SMALL} for small outputs. Both the plain largest relative difference and the two parts
 * are reported.
 */
final class Agreement {

    /** Outputs smaller than this in magnitude are held to an absolute bar. */
    static final double SMALL = 1e-2;

    private double worstRelative;
    private String whereRelative = "nowhere";
    private double worstRelativeLarge;
    private double worstAbsoluteSmall;
    private long compared;

    static double relativeDifference(double a, double b) {
        if (a == b || Double.isNaN(a) && Double.isNaN(b)) {
            return 0.0;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** Compares one sample's outputs, {@code expected} from nnlang, {@code actual} from the other side. */
    void compare(double[] expected, double[] actual, String sample) {
        if (expected.length != actual.length) {
            throw new AssertionError(sample + ": " + expected.length + " outputs expected, " + actual.length + " computed");
        }
        for (int k = 0; k < expected.length; k++) {
            double a = expected[k];
            double b = actual[k];
            double d = relativeDifference(a, b);
            compared++;
            if (d > worstRelative) {
                worstRelative = d;
                whereRelative = sample + ", output " + k + ": nnlang " + a + ", other " + b;
            }
            if (Math.max(Math.abs(a), Math.abs(b)) >= SMALL || Double.isNaN(d) || Double.isInfinite(d)) {
                worstRelativeLarge = Math.max(worstRelativeLarge, d);
            } else {
                worstAbsoluteSmall = Math.max(worstAbsoluteSmall, Math.abs(a - b));
            }
        }
    }

    /** Whether every output agreed to {@code rtol} relative, or {@code rtol × SMALL} absolute when small. */
    boolean meets(double rtol) {
        return worstRelativeLarge <= rtol && worstAbsoluteSmall <= rtol * SMALL;
    }

    double worstRelative() {
        return worstRelative;
    }

    @Override
    public String toString() {
        return compared + " outputs: largest relative difference " + worstRelative + " (" + whereRelative
                + "); outputs of magnitude >= " + SMALL + ": largest relative difference " + worstRelativeLarge
                + "; smaller outputs: largest absolute difference " + worstAbsoluteSmall;
    }
}
