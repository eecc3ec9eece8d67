package nnlang.frontend.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.TrainBlock;

/**
 * The named arguments of a train setting ({@code sgd(rate: 3.0, batch: 10)}): looked up by name,
 * with unknown and repeated names reported, folded from constants, and checked against the range a
 * hyper-parameter allows.
 */
final class Arguments {
    private final Map<String, TrainBlock.NamedArg> byName;
    private final Constants constants;
    private final Reporter reporter;
    /** Whether a given argument did not fold: it reads a constant whose problem was reported. */
    private boolean unresolved;

    private Arguments(Map<String, TrainBlock.NamedArg> byName, Constants constants, Reporter reporter) {
        this.byName = byName;
        this.constants = constants;
        this.reporter = reporter;
    }

    /**
     * The arguments of {@code owner} by name; an unknown name ({@code unknown-argument}, with the
     * allowed names and a did-you-mean) and a repeated one ({@code duplicate-argument}) are reported
     * and left out.
     */
    static Arguments of(List<TrainBlock.NamedArg> args, String owner, List<String> allowed, Constants constants,
                        Reporter reporter) {
        Map<String, TrainBlock.NamedArg> byName = new LinkedHashMap<>();
        for (TrainBlock.NamedArg arg : args) {
            String name = arg.name().text();
            if (!allowed.contains(name)) {
                reporter.error("unknown-argument", arg.name().pos(), owner + " has no argument " + name + "; it takes "
                        + String.join(", ", allowed), Suggestions.didYouMean(name, allowed));
            } else if (byName.containsKey(name)) {
                reporter.error("duplicate-argument", arg.name().pos(), name + " is already given at column "
                        + byName.get(name).name().pos().column());
            } else {
                byName.put(name, arg);
            }
        }
        return new Arguments(byName, constants, reporter);
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The argument's value, folded from constants; empty when it was not given or did not fold. */
    Optional<NumberLiteral> get(String name) {
        TrainBlock.NamedArg arg = byName.get(name);
        Optional<NumberLiteral> value = arg == null ? Optional.empty() : constants.fold(arg.value());
        unresolved |= arg != null && value.isEmpty();
        return value;
    }

    /**
     * Whether every argument read so far had a value: false when one read a constant that failed,
     * which was reported where the constant is declared (perhaps before the arguments were read), so
     * the placeholder in its stead must not be used.
     */
    boolean resolved() {
        return !unresolved;
    }

    /**
     * A finite number that must be positive, or with {@code zeroAllowed} not negative
     * ({@code bad-hyperparameter} otherwise); {@code absent} when the argument is not given.
     */
    double bounded(String name, String what, boolean zeroAllowed, double absent) {
        return bounded(name, what, zeroAllowed, absent, null);
    }

    /** {@link #bounded(String, String, boolean, double)} with a hint for a value out of range. */
    double bounded(String name, String what, boolean zeroAllowed, double absent, String hint) {
        if (!byName.containsKey(name)) {
            return absent;
        }
        Optional<NumberLiteral> literal = get(name);
        if (literal.isEmpty()) {
            return 0.0;
        }
        OptionalDouble value = Literals.finite(literal.get(), reporter);
        if (value.isPresent() && (zeroAllowed ? value.getAsDouble() < 0 : value.getAsDouble() <= 0)) {
            reporter.error("bad-hyperparameter", literal.get().pos(), what + " must be " + (zeroAllowed ? "at least 0"
                    : "greater than 0") + ", but is " + literal.get().text(), hint);
        }
        return value.orElse(0.0);
    }

    /**
     * A finite number in [{@code min}, {@code max}), or in [min, max] when {@code maxIncluded}
     * ({@code bad-hyperparameter} otherwise); {@code absent} when the argument is not given.
     */
    double within(String name, String what, double min, double max, boolean maxIncluded, double absent) {
        return within(name, what, min, max, maxIncluded, absent, null);
    }

    /** {@link #within(String, String, double, double, boolean, double)} with a hint for a value out of range. */
    double within(String name, String what, double min, double max, boolean maxIncluded, double absent, String hint) {
        if (!byName.containsKey(name)) {
            return absent;
        }
        Optional<NumberLiteral> literal = get(name);
        if (literal.isEmpty()) {
            return 0.0;
        }
        OptionalDouble value = Literals.finite(literal.get(), reporter);
        if (value.isPresent()) {
            double v = value.getAsDouble();
            if (!(v >= min && (maxIncluded ? v <= max : v < max))) {
                reporter.error("bad-hyperparameter", literal.get().pos(), what + " must be at least " + plain(min)
                        + " and " + (maxIncluded ? "at most " : "less than ") + plain(max) + ", but is "
                        + literal.get().text(), hint);
            }
        }
        return value.orElse(0.0);
    }

    /** An integer from {@code min} ({@code bad-hyperparameter} or {@code not-integer} otherwise), or {@code absent}. */
    long count(String name, String what, long min, long absent) {
        if (!byName.containsKey(name)) {
            return absent;
        }
        Optional<NumberLiteral> literal = get(name);
        OptionalLong value = literal.isEmpty() ? OptionalLong.empty() : Literals.count(literal.get(), what, min, reporter);
        return value.orElse(-1);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
