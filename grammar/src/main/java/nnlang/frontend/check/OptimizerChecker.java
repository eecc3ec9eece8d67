package nnlang.frontend.check;

import java.util.List;
import java.util.Map;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.Optimizer;

/**
 * Builds the {@link Optimizer} of a train block's {@code optimizer NAME(args)} setting: which
 * optimizers exist, which arguments each takes, which it requires, the range of each, and the
 * usual value an optional one takes when absent (Adam's β1 0.9, β2 0.999 and ε 1e-8, RMSProp's ρ 0.9,
 * AdamW's decay 0.01). Reports
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
        KNOWN.put(Optimizer.Nesterov.KEYWORD, new Kind(List.of("rate", "batch", "mu", "l2"),
                List.of("rate", "batch", "mu"), "optimizer nesterov(rate: 0.5, batch: 10, mu: 0.9)"));
        KNOWN.put(Optimizer.RmsProp.KEYWORD, new Kind(List.of("rate", "batch", "rho", "epsilon"),
                List.of("rate", "batch"), "optimizer rmsprop(rate: 0.001, batch: 32, rho: 0.9, epsilon: 1e-8)"));
        KNOWN.put(Optimizer.Adam.KEYWORD, new Kind(List.of("rate", "batch", "beta1", "beta2", "epsilon"),
                List.of("rate", "batch"), "optimizer adam(rate: 0.001, batch: 32, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)"));
        KNOWN.put(Optimizer.Adam.DECOUPLED_KEYWORD, new Kind(List.of("rate", "batch", "beta1", "beta2", "epsilon",
                "weight_decay"), List.of("rate", "batch"), "optimizer adamw(rate: 0.001, batch: 32, weight_decay: 0.01)"));
    }

    /** The usual values of the optional hyper-parameters, which an absent one takes. */
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;
    static final double RHO = 0.9;
    static final double WEIGHT_DECAY = 0.01;

    private OptimizerChecker() {}

    /**
     * The optimizer, or null when the name is unknown or an argument reads a failed constant; other
     * problems are reported and give placeholders.
     */
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
        Optimizer optimizer = build(name, args, setting);
        return args.resolved() ? optimizer : null;
    }

    private static Optimizer build(String name, Arguments args, TrainBlock.Optimizer setting) {
        double rate = args.bounded("rate", "the learning rate", false, 0.0);
        int batch = (int) Math.max(0, args.count("batch", "the batch size", 1, 0));
        return switch (name) {
            case Optimizer.Sgd.KEYWORD -> new Optimizer.Sgd(rate, batch, l2(args), setting.pos());
            case Optimizer.Momentum.KEYWORD -> new Optimizer.Momentum(rate, batch, mu(args), l2(args), setting.pos());
            case Optimizer.Nesterov.KEYWORD -> new Optimizer.Nesterov(rate, batch, mu(args), l2(args), setting.pos());
            case Optimizer.RmsProp.KEYWORD -> new Optimizer.RmsProp(rate, batch,
                    args.within("rho", "rho", 0.0, 1.0, false, RHO, "usually 0.9"), epsilon(args), setting.pos());
            case Optimizer.Adam.KEYWORD, Optimizer.Adam.DECOUPLED_KEYWORD -> {
                boolean decoupled = name.equals(Optimizer.Adam.DECOUPLED_KEYWORD);
                yield new Optimizer.Adam(rate, batch,
                        args.within("beta1", "beta1", 0.0, 1.0, false, BETA1, "usually 0.9"),
                        args.within("beta2", "beta2", 0.0, 1.0, false, BETA2, "usually 0.999"),
                        epsilon(args), decoupled,
                        decoupled ? args.bounded("weight_decay", "the weight decay", true, WEIGHT_DECAY, "usually 0.01")
                                : 0.0, setting.pos());
            }
            default -> throw new IllegalStateException("no builder for optimizer " + name);
        };
    }

    private static double l2(Arguments args) {
        return args.bounded("l2", "l2", true, 0.0);
    }

    private static double mu(Arguments args) {
        return args.within("mu", "the momentum mu", 0.0, 1.0, false, 0.0, "usually 0.9");
    }

    private static double epsilon(Arguments args) {
        return args.bounded("epsilon", "epsilon", false, EPSILON, "usually 1e-8");
    }
}
