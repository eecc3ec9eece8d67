package nnlang.runtime;

import nnlang.model.Optimizer;

/**
 * An optimizer's update of the parameters from a mini-batch's summed gradient, written once over
 * arrays: the interpreter calls it for each block of its parameters, and compiled classes call it
 * from {@link Network#applyGradient} (their fused {@code trainBatch} emits the same operations in
 * the same order; the conformance tests hold both to the same bits). The operations are those of the
 * canonical order ({@code package-info}).
 *
 * <p>An update works element by element on parameters {@code p[from .. to)}, their gradient sums
 * {@code g} and, when the optimizer keeps state, its slots {@code state[s]}, all indexed alike, given
 * the step {@code c = -(rate / m)} (m samples in the mini-batch) and the weight decay
 * {@code decay}: {@code 1.0 - rate * l2 / n} for a weight block under L2, and exactly 1.0 for biases
 * or without L2, in which case the decay product is not computed.
 */
public sealed interface UpdateRule {

    /** The rule of an optimizer of the model. */
    static UpdateRule of(Optimizer optimizer) {
        if (optimizer instanceof Optimizer.Sgd) {
            return new Sgd();
        }
        if (optimizer instanceof Optimizer.Momentum m) {
            return new Momentum(m.mu());
        }
        throw new IllegalArgumentException("no update rule for optimizer " + optimizer.keyword());
    }

    /** Values of state per parameter. */
    int stateSlots();

    /** Updates {@code p[from .. to)} and the state slots' same elements. {@code g} is not modified. */
    void update(double[] p, double[] g, double[][] state, int from, int to, double c, double decay);

    /** A one-line form that {@link #parse} reads back exactly, e.g. {@code sgd}. */
    String describe();

    /** The rule {@link #describe} wrote. */
    static UpdateRule parse(String text) {
        if (text.equals(Sgd.NAME)) {
            return new Sgd();
        }
        if (text.startsWith(Momentum.NAME + " ")) {
            return new Momentum(Double.parseDouble(text.substring(Momentum.NAME.length() + 1)));
        }
        throw new IllegalArgumentException("not an update rule: " + text);
    }

    /** Plain SGD: p = decay · p + c · g (p = p + c · g when decay is exactly 1.0). No state. */
    record Sgd() implements UpdateRule {
        static final String NAME = "sgd";

        @Override
        public int stateSlots() {
            return 0;
        }

        @Override
        public void update(double[] p, double[] g, double[][] state, int from, int to, double c, double decay) {
            if (decay == 1.0) {
                for (int i = from; i < to; i++) {
                    p[i] = p[i] + c * g[i];
                }
            } else {
                for (int i = from; i < to; i++) {
                    p[i] = decay * p[i] + c * g[i];
                }
            }
        }

        @Override
        public String describe() {
            return NAME;
        }
    }

    /**
     * Classical momentum, one slot of state, the velocity v: v = μ · v + c · g, then
     * p = decay · p + v (p = p + v when decay is exactly 1.0).
     */
    record Momentum(double mu) implements UpdateRule {
        static final String NAME = "momentum";

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public void update(double[] p, double[] g, double[][] state, int from, int to, double c, double decay) {
            double[] v = state[0];
            if (decay == 1.0) {
                for (int i = from; i < to; i++) {
                    v[i] = mu * v[i] + c * g[i];
                    p[i] = p[i] + v[i];
                }
            } else {
                for (int i = from; i < to; i++) {
                    v[i] = mu * v[i] + c * g[i];
                    p[i] = decay * p[i] + v[i];
                }
            }
        }

        /** {@code momentum 0.9}, the coefficient as {@link Double#toString} writes it, which reads back exactly. */
        @Override
        public String describe() {
            return NAME + " " + mu;
        }
    }
}
