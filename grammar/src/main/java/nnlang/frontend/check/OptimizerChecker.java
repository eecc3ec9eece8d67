package nnlang.frontend.check;

import java.util.List;
import java.util.Map;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.Optimizer;

/**
 * Builds the {@link Optimizer} of a train block's {@code optimizer NAME(args)} setting: which
 * optimizers exist, which arguments each takes, which it requires, and the range of each. Reports
 * {@code unknown-optimizer}, {@code unknown-argument}, {@code duplicate-argument},
 * {@code missing-argument} (with a hint showing the usual values), {@code bad-hyperparameter} and
 * {@code not-integer}. A new optimizer is one entry of {@link #KNOWN} and one case of
 * {@link #build}.
 */
final class OptimizerChecker {

    /** An optimizer as the language knows it: its arguments, those it requires, and a typical use. */
    private record Kind(List<String> arguments, List<String> required, String example) {}

    /** The optimizers, by keyword, in the order messages list them. */
    private static final Map<String, Kind> KNOWN = new java.util.LinkedHashMap<>();

    static {
        KNOWN.put(Optimizer.Sgd.KEYWORD, new Kind(List.of("rate", "batch", "l2"), List.of("rate", "batch"),
                "optimizer sgd(rate: 3.0, batch: 10)"));
        KNOWN.put(Optimizer.Momentum.KEYWORD, new Kind(List.of("rate", "batch", "mu", "l2"),
                List.of("rate", "batch", "mu"), "optimizer momentum(rate: 0.5, batch: 10, mu: 0.9)"));
    }

    private OptimizerChecker() {}

    /** The optimizer, or null when the name is unknown; other problems are reported and give placeholders. */
    static Optimizer check(TrainBlock.Optimizer setting, Constants constants, Reporter reporter) {
        String name = setting.name().text();
        Kind kind = KNOWN.get(name);
        if (kind == null) {
            List<String> known = List.copyOf(KNOWN.keySet());
            reporter.error("unknown-optimizer", setting.name().pos(), "unknown optimizer " + name + "; expected "
                    + String.join(" or ", known), Suggestions.didYouMean(name, known));
            return null;
        }
        Arguments args = Arguments.of(setting.args(), name, kind.arguments(), constants, reporter);
        for (String required : kind.required()) {
            if (!args.has(required)) {
                reporter.error("missing-argument", setting.pos(), name + " needs a " + required + " argument",
                        kind.example());
            }
        }
        return build(name, args, setting);
    }

    private static Optimizer build(String name, Arguments args, TrainBlock.Optimizer setting) {
        double rate = args.bounded("rate", "the learning rate", false, 0.0);
        int batch = (int) Math.max(0, args.count("batch", "the batch size", 1, 0));
        double l2 = args.bounded("l2", "l2", true, 0.0);
        return switch (name) {
            case Optimizer.Sgd.KEYWORD -> new Optimizer.Sgd(rate, batch, l2, setting.pos());
            case Optimizer.Momentum.KEYWORD -> new Optimizer.Momentum(rate, batch,
                    args.within("mu", "the momentum mu", 0.0, 1.0, false, 0.0), l2, setting.pos());
            default -> throw new IllegalStateException("no builder for optimizer " + name);
        };
    }
}
