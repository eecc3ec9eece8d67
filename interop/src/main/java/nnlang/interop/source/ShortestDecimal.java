package nnlang.interop.source;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as the shortest decimal that reads back to the same double, in the form a {@code .nn}
 * number literal takes: {@code 5.73}, {@code -20}, {@code 0.0001}, {@code 1.5e-7}, {@code -0} for
 * negative zero.
 *
 * <p>Shortest means fewest significant digits; among the decimals of that many digits that read
 * back, the one nearest the double. Whether some decimal of p digits reads back grows monotonically
 * with p (a p-digit decimal is also a (p+1)-digit one), so p is found by bisection over 1 to 17,
 * and at each p only the nearest decimal and its neighbours below and above need trying: the doubles
 * that read as the same value form an interval around the value, so if any p-digit decimal lies in
 * it, one of those does.
 */
public final class ShortestDecimal {

    private static final RoundingMode[] MODES = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

    private ShortestDecimal() {}

    /**
     * The shortest literal of {@code value}.
     *
     * @throws IllegalArgumentException for NaN and infinities, which have no literal
     */
    public static String of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(value + " has no decimal literal");
        }
        if (value == 0.0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        }
        BigDecimal exact = new BigDecimal(value);
        int low = 1;
        int high = 17;
        BigDecimal best = candidate(exact, value, high);
        while (low < high) {
            int mid = (low + high) >>> 1;
            BigDecimal c = candidate(exact, value, mid);
            if (c != null) {
                best = c;
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return literal(best.stripTrailingZeros());
    }

    /** A decimal of {@code digits} significant digits that reads back to {@code value}, or null. */
    private static BigDecimal candidate(BigDecimal exact, double value, int digits) {
        for (RoundingMode mode : MODES) {
            BigDecimal c = exact.round(new MathContext(digits, mode));
            if (Double.parseDouble(c.toString()) == value) {
                return c;
            }
        }
        return null;
    }

    /** Plain notation for exponents -5 to 15, else {@code d.ddde±x}. */
    private static String literal(BigDecimal d) {
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -5 && exponent < 16) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        StringBuilder s = new StringBuilder(d.signum() < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            s.append('.').append(digits, 1, digits.length());
        }
        return s.append('e').append(exponent).toString();
    }
}
