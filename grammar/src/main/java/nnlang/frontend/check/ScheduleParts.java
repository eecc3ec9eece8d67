package nnlang.frontend.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.TrainSpec;

/**
 * The parts a {@code schedule} is made of: the decays {@code step(every, factor)},
 * {@code exponential(factor)} and {@code cosine(epochs)}, and {@code warmup(epochs)}, each with its
 * arguments, all required, and their ranges. Reports {@code unknown-schedule}, {@code unknown-argument},
 * {@code duplicate-argument}, {@code missing-argument} (with an example), {@code bad-hyperparameter}
 * and {@code not-integer}.
 */
final class ScheduleParts {
    static final String WARMUP = "warmup";

    /** A part's arguments, all required, and how it is written. */
    private record Kind(List<String> arguments, String example) {}

    private static final Map<String, Kind> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("step", new Kind(List.of("every", "factor"), "step(every: 10, factor: 0.5)"));
        KNOWN.put("exponential", new Kind(List.of("factor"), "exponential(factor: 0.95)"));
        KNOWN.put("cosine", new Kind(List.of("epochs"), "cosine(epochs: 30)"));
        KNOWN.put(WARMUP, new Kind(List.of("epochs"), "warmup(epochs: 3)"));
    }

    private ScheduleParts() {}

    /** Whether the part's name is known; an unknown one is reported. */
    static boolean isKnown(TrainBlock.Call part, Reporter reporter) {
        String name = part.name().text();
        if (KNOWN.containsKey(name)) {
            return true;
        }
        List<String> examples = KNOWN.values().stream().map(Kind::example).toList();
        reporter.error("unknown-schedule", part.name().pos(), "unknown schedule " + name + "; expected "
                + String.join(", ", examples.subList(0, examples.size() - 1)) + " or " + examples.get(examples.size() - 1),
                Suggestions.didYouMean(name, KNOWN.keySet()));
        return false;
    }

    /** A decay's model, or empty when a problem was reported. */
    static Optional<TrainSpec.Decay> decay(TrainBlock.Call part, Constants constants, Reporter reporter) {
        int before = reporter.count();
        Arguments args = arguments(part, constants, reporter);
        TrainSpec.Decay decay = switch (part.name().text()) {
            case "step" -> new TrainSpec.Decay.Step((int) args.count("every", "every", 1, 0),
                    factor(args.get("factor"), reporter));
            case "exponential" -> new TrainSpec.Decay.Exponential(factor(args.get("factor"), reporter));
            default -> new TrainSpec.Decay.Cosine((int) args.count("epochs", "the epochs", 1, 0));
        };
        return reporter.count() > before ? Optional.empty() : Optional.of(decay);
    }

    /** A warmup's epochs, at least 1; 0 when a problem was reported. */
    static int warmup(TrainBlock.Call part, Constants constants, Reporter reporter) {
        return (int) Math.max(0, arguments(part, constants, reporter).count("epochs", "the epochs", 1, 0));
    }

    private static Arguments arguments(TrainBlock.Call part, Constants constants, Reporter reporter) {
        String name = part.name().text();
        Kind kind = KNOWN.get(name);
        Arguments args = Arguments.of(part.args(), name, kind.arguments(), constants, reporter);
        for (String required : kind.arguments()) {
            if (!args.has(required)) {
                reporter.error("missing-argument", part.pos(), name + " needs the argument " + required,
                        "schedule " + kind.example());
            }
        }
        return args;
    }

    /** A decay's factor: a finite number with 0 < factor <= 1, so that the rate never grows. */
    private static double factor(Optional<NumberLiteral> folded, Reporter reporter) {
        if (folded.isEmpty()) {
            return 0.0;
        }
        NumberLiteral arg = folded.get();
        OptionalDouble value = Literals.finite(arg, reporter);
        if (value.isPresent() && !(value.getAsDouble() > 0.0 && value.getAsDouble() <= 1.0)) {
            reporter.error("bad-hyperparameter", arg.pos(), "the factor must be greater than 0 and at most 1, "
                    + "but is " + arg.text());
        }
        return value.orElse(0.0);
    }
}
