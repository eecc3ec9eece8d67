package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.Init;

/**
 * Builds the {@link Init} of an {@code init} setting or of a layer's {@code init} option:
 * {@code gaussian(mean, sd)} with an optional {@code scaled}, {@code xavier} and {@code he} with
 * {@code normal} or {@code uniform}, and {@code uniform(low, high)}. Reports {@code unknown-init},
 * {@code bad-hyperparameter} (the numbers a kind takes, and their ranges) and
 * {@code missing-argument} (xavier or he without its distribution), each with an example.
 */
final class InitChecker {

    /** The initialisations, in the order messages list them, with an example of each. */
    private static final List<String> KNOWN = List.of(Init.Gaussian.KEYWORD, Init.Xavier.KEYWORD, Init.He.KEYWORD,
            Init.Uniform.KEYWORD);
    private static final String EXAMPLES = "gaussian(0, 1), gaussian(0, 1) scaled, xavier normal, xavier uniform, "
            + "he normal, he uniform or uniform(-0.1, 0.1)";

    private InitChecker() {}

    /** The initialisation, or empty when a problem was reported. */
    static Optional<Init> check(TrainBlock.Initializer written, Constants constants, Reporter reporter) {
        String name = written.name().text();
        int before = reporter.count();
        Init init = switch (name) {
            case Init.Gaussian.KEYWORD -> gaussian(written, constants, reporter);
            case Init.Xavier.KEYWORD, Init.He.KEYWORD -> fanScaled(written, reporter);
            case Init.Uniform.KEYWORD -> uniform(written, constants, reporter);
            default -> {
                reporter.error("unknown-init", written.name().pos(), "unknown initialisation " + name + "; expected "
                        + EXAMPLES, Suggestions.didYouMean(name, KNOWN));
                yield null;
            }
        };
        return reporter.count() > before ? Optional.empty() : Optional.ofNullable(init);
    }

    private static Init gaussian(TrainBlock.Initializer written, Constants constants, Reporter reporter) {
        List<NumberLiteral> args = numbers(written, 2, "gaussian takes 2 numbers (mean, sd)", "gaussian(0, 1)",
                constants, reporter);
        boolean scaled = word(written, List.of("scaled"), "gaussian", reporter).isPresent();
        if (args == null) {
            return null;
        }
        OptionalDouble mean = Literals.finite(args.get(0), reporter);
        OptionalDouble sd = Literals.finite(args.get(1), reporter);
        if (sd.isPresent() && sd.getAsDouble() < 0) {
            reporter.error("bad-hyperparameter", args.get(1).pos(), "the standard deviation must be at least 0, but is "
                    + args.get(1).text());
        }
        return new Init.Gaussian(mean.orElse(0.0), sd.orElse(0.0), scaled, written.pos());
    }

    private static Init fanScaled(TrainBlock.Initializer written, Reporter reporter) {
        String name = written.name().text();
        if (written.args().isPresent()) {
            reporter.error("bad-hyperparameter", written.pos(), name + " takes no numbers: its spread follows from "
                    + "each layer's fan-in" + (name.equals(Init.Xavier.KEYWORD) ? " and fan-out" : ""),
                    "init " + name + " normal");
            return null;
        }
        Optional<String> distribution = word(written, List.of("normal", "uniform"), name, reporter);
        if (written.word().isEmpty()) {
            reporter.error("missing-argument", written.pos(), name + " needs its distribution, normal or uniform",
                    "init " + name + " normal");
            return null;
        }
        if (distribution.isEmpty()) {
            return null;
        }
        Init.Distribution d = distribution.get().equals("normal") ? Init.Distribution.NORMAL : Init.Distribution.UNIFORM;
        return name.equals(Init.Xavier.KEYWORD) ? new Init.Xavier(d, written.pos()) : new Init.He(d, written.pos());
    }

    private static Init uniform(TrainBlock.Initializer written, Constants constants, Reporter reporter) {
        List<NumberLiteral> args = numbers(written, 2, "uniform takes 2 numbers (low, high)", "uniform(-0.1, 0.1)",
                constants, reporter);
        word(written, List.of(), "uniform", reporter);
        if (args == null) {
            return null;
        }
        OptionalDouble low = Literals.finite(args.get(0), reporter);
        OptionalDouble high = Literals.finite(args.get(1), reporter);
        if (low.isPresent() && high.isPresent() && !(low.getAsDouble() < high.getAsDouble())) {
            reporter.error("bad-hyperparameter", args.get(1).pos(), "the upper bound must be greater than the lower "
                    + "bound " + args.get(0).text() + ", but is " + args.get(1).text(), "init uniform(-0.1, 0.1)");
        }
        return new Init.Uniform(low.orElse(0.0), high.orElse(1.0), written.pos());
    }

    /**
     * The {@code count} numbers in parentheses, folded from constants, or null after reporting that
     * they are not there or do not fold.
     */
    private static List<NumberLiteral> numbers(TrainBlock.Initializer written, int count, String message, String example,
            Constants constants, Reporter reporter) {
        List<Formula> args = written.args().orElse(List.of());
        if (args.size() != count) {
            reporter.error("bad-hyperparameter", written.pos(), message + ", but has " + args.size(), "init " + example);
            return null;
        }
        List<NumberLiteral> folded = new ArrayList<>();
        for (Formula arg : args) {
            Optional<NumberLiteral> value = constants.fold(arg);
            if (value.isEmpty()) {
                return null;
            }
            folded.add(value.get());
        }
        return folded;
    }

    /** The word after the initialisation when it is one of {@code allowed}; another word is reported. */
    private static Optional<String> word(TrainBlock.Initializer written, List<String> allowed, String name,
            Reporter reporter) {
        if (written.word().isEmpty()) {
            return Optional.empty();
        }
        String word = written.word().get().text();
        if (!allowed.contains(word)) {
            reporter.error("unknown-argument", written.word().get().pos(), allowed.isEmpty()
                    ? name + " takes no word after it, but has " + word
                    : name + " takes " + String.join(" or ", allowed) + " after it, not " + word,
                    Suggestions.didYouMean(word, allowed));
            return Optional.empty();
        }
        return Optional.of(word);
    }
}
