package nnlang.frontend.check;

import java.math.BigInteger;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NumberLiteral;

/** Reading number literals where the language restricts them, reporting what does not fit. */
final class Literals {
    /** The largest size (of an input or a layer) the front end accepts. */
    static final long LIMIT = 100_000_000L;

    /**
     * The largest number of parameters of one network the front end accepts: at 16 bytes each (the
     * value and its gradient) 160 MB, well within a default JVM heap, before any sample is loaded.
     */
    static final long PARAMETER_LIMIT = 10_000_000L;

    /**
     * The largest number of nodes of one network, once its parts are expanded: a part of a part of a
     * part ... multiplies nodes, and this keeps the expansion within a default heap.
     */
    static final int NODE_LIMIT = 100_000;

    /** Bytes per parameter that training needs at least: its value and its gradient, 8 bytes each. */
    static final int BYTES_PER_PARAMETER = 16;

    private Literals() {}

    /**
     * The literal's value when it is finite; an overflowing literal such as {@code 1e999} is reported
     * as {@code too-large}.
     */
    static OptionalDouble finite(NumberLiteral literal, Reporter reporter) {
        if (Double.isInfinite(literal.value())) {
            reporter.error("too-large", literal.pos(), literal.text() + " is too large for a number");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(literal.value());
    }

    /**
     * The value of a literal that must be written as an integer ({@code not-integer} otherwise) and
     * fit in a long ({@code too-large} otherwise).
     *
     * @param what the role of the number in messages, e.g. "the batch size"
     */
    static OptionalLong integer(NumberLiteral literal, String what, Reporter reporter) {
        if (!literal.writtenAsInteger()) {
            reporter.error("not-integer", literal.pos(), what + " must be an integer, but is " + literal.text());
            return OptionalLong.empty();
        }
        BigInteger value = new BigInteger(literal.text());
        if (value.bitLength() > 63) {
            reporter.error("too-large", literal.pos(), what + " " + literal.text() + " is too large");
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValue());
    }

    /** An integer from 1 to {@link #LIMIT}: a size ({@code bad-size} below 1, {@code too-large} above). */
    static OptionalLong size(NumberLiteral literal, String what, Reporter reporter) {
        OptionalLong value = integer(literal, what, reporter);
        if (value.isEmpty()) {
            return value;
        }
        if (value.getAsLong() < 1) {
            reporter.error("bad-size", literal.pos(), what + " must be at least 1, but is " + literal.text());
            return OptionalLong.empty();
        }
        if (value.getAsLong() > LIMIT) {
            reporter.error("too-large", literal.pos(), what + " " + literal.text() + " is larger than the limit "
                    + String.format("%,d", LIMIT) + "; one 8-byte value per element would need "
                    + memory(BigInteger.valueOf(value.getAsLong()).shiftLeft(3)));
            return OptionalLong.empty();
        }
        return value;
    }

    /** A number of bytes for messages: {@code 763 MB}, {@code 1.5 GB}, {@code 7,451 GB}. */
    static String memory(BigInteger bytes) {
        double mb = bytes.doubleValue() / (1 << 20);
        return mb < 1024 ? String.format(java.util.Locale.ROOT, "%,.0f MB", Math.max(1, mb))
                : String.format(java.util.Locale.ROOT, mb < 10 * 1024 ? "%,.1f GB" : "%,.0f GB", mb / 1024);
    }

    /**
     * An integer hyper-parameter from {@code min} to {@code Integer.MAX_VALUE}
     * ({@code bad-hyperparameter} outside).
     */
    static OptionalLong count(NumberLiteral literal, String what, long min, Reporter reporter) {
        OptionalLong value = integer(literal, what, reporter);
        if (value.isPresent() && (value.getAsLong() < min || value.getAsLong() > Integer.MAX_VALUE)) {
            reporter.error("bad-hyperparameter", literal.pos(), what + " must be an integer from " + min + " to "
                    + Integer.MAX_VALUE + ", but is " + literal.text());
            return OptionalLong.empty();
        }
        return value;
    }
}
