package nnlang.interop.batch;

/**
 * Reads a decimal number from characters, correctly rounded, without making a string of it where it
 * need not. A number whose significant digits make an integer of at most 2^53 and whose decimal
 * exponent is within ±22 (nearly every number in a data file: {@code 0}, {@code 0.5},
 * {@code 0.5176470588235295}) is computed as that exact integer times or divided by one exact power
 * of ten, a single rounding, which is the correctly rounded value; every other number is read by
 * {@link Double#parseDouble}.
 */
final class Decimal {

    private static final double[] POWERS = new double[23];

    static {
        POWERS[0] = 1.0;
        for (int k = 1; k < POWERS.length; k++) {
            POWERS[k] = POWERS[k - 1] * 10.0;
        }
    }

    private Decimal() {}

    /**
     * The number written in {@code chars[from .. to)}, or NaN when it is not a number of the form
     * {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits may be missing on one side of the point).
     */
    static double parse(char[] chars, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (chars[i] == '+' || chars[i] == '-')) {
            negative = chars[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        boolean leading = true;
        for (; i < to && chars[i] >= '0' && chars[i] <= '9'; i++, digits++) {
            leading = accumulate(chars[i], leading);
            if (!leading) {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (chars[i] - '0');
                } else {
                    exponent++;
                }
                significant++;
            }
        }
        if (i < to && chars[i] == '.') {
            i++;
            for (; i < to && chars[i] >= '0' && chars[i] <= '9'; i++, digits++) {
                leading = accumulate(chars[i], leading);
                if (!leading) {
                    if (significant < 18) {
                        mantissa = mantissa * 10 + (chars[i] - '0');
                        exponent--;
                    }
                    significant++;
                } else {
                    exponent--;
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (chars[i] == '+' || chars[i] == '-')) {
                negativeExponent = chars[i] == '-';
                i++;
            }
            int start = i;
            int e = 0;
            for (; i < to && chars[i] >= '0' && chars[i] <= '9'; i++) {
                e = Math.min(e * 10 + (chars[i] - '0'), 100_000);
            }
            if (i == start) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (significant <= 18 && mantissa <= (1L << 53) && exponent >= -22 && exponent <= 22) {
            double value = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(chars, from, to - from));
    }

    /** Whether the digit is still a leading zero (before the first nonzero digit). */
    private static boolean accumulate(char digit, boolean leading) {
        return leading && digit == '0';
    }
}
