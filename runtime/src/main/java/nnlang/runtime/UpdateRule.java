package nnlang.runtime;

import nnlang.model.Optimizer;

/**
 * An optimizer's update of the parameters from a mini-batch's summed gradient, written once over
 * arrays: the interpreter calls it for each block of its parameters, and compiled classes call it
 * from {@link Network#applyGradient} (their fused {@code trainBatch} emits the same operations in
 * the same order; the conformance tests hold both to the same bits). The operations are those of the
 * canonical order ({@code package-info}).
 *
 * <p>A step has two parts. {@link #begin} runs once per step: it advances the rule's counters (Adam's
 * step count) and computes the step's scalars from the rate and the number m of samples in the batch
 * (for every rule, scalar 0 is c = -(rate / m) or, for Adam, its bias-corrected form). Then
 * {@link #update} works element by element on parameters {@code p[from .. to)}, their gradient sums
 * {@code g} and, when the optimizer keeps state, its slots {@code state[s]}, all indexed alike, given
 * those scalars and the weight decay {@code decay}: the optimizer's decay for a weight block, and
 * exactly 1.0 for biases or without decay, in which case the decay product is not computed.
 */
public sealed interface UpdateRule {

    /** The rule of an optimizer of the model ({@code adamw} has Adam's rule; its decay is the optimizer's). */
    static UpdateRule of(Optimizer optimizer) {
        if (optimizer instanceof Optimizer.Sgd) {
            return new Sgd();
        }
        if (optimizer instanceof Optimizer.Momentum m) {
            return new Momentum(m.mu());
        }
        if (optimizer instanceof Optimizer.Nesterov n) {
            return new Nesterov(n.mu());
        }
        if (optimizer instanceof Optimizer.RmsProp r) {
            return new RmsProp(r.rho(), r.epsilon());
        }
        if (optimizer instanceof Optimizer.Adam a) {
            return new Adam(a.beta1(), a.beta2(), a.epsilon());
        }
        throw new IllegalArgumentException("no update rule for optimizer " + optimizer.keyword());
    }

    /** Values of state per parameter. */
    int stateSlots();

    /** Values of state the rule keeps for the whole network, after the slots (Adam: its step count). */
    default int counters() {
        return 0;
    }

    /** How many scalars {@link #begin} computes for the step's {@link #update}s. */
    default int scalars() {
        return 1;
    }

    /**
     * Starts a step over {@code count} samples at {@code rate}: advances {@code counters[0 ..
     * counters())} and writes {@code scalars[0 .. scalars())}. By default, one scalar,
     * c = -(rate / count).
     */
    default void begin(double rate, int count, double[] counters, double[] scalars) {
        scalars[0] = -(rate / count);
    }

    /**
     * Updates {@code p[from .. to)} and the state slots' same elements with the scalars {@link #begin}
     * computed. {@code g} is not modified.
     */
    void update(double[] p, double[] g, double[][] state, int from, int to, double[] scalars, double decay);

    /** A one-line form that {@link #parse} reads back exactly, e.g. {@code sgd}. */
    String describe();

    /** The rule {@link #describe} wrote. */
    static UpdateRule parse(String text) {
        String[] words = text.split(" ");
        double[] k = new double[words.length - 1];
        for (int i = 1; i < words.length; i++) {
            k[i - 1] = Double.parseDouble(words[i]);
        }
        return switch (words[0] + "/" + k.length) {
            case Sgd.NAME + "/0" -> new Sgd();
            case Momentum.NAME + "/1" -> new Momentum(k[0]);
            case Nesterov.NAME + "/1" -> new Nesterov(k[0]);
            case RmsProp.NAME + "/2" -> new RmsProp(k[0], k[1]);
            case Adam.NAME + "/3" -> new Adam(k[0], k[1], k[2]);
            default -> throw new IllegalArgumentException("not an update rule: " + text);
        };
    }

    /** Plain SGD: p = decay · p + c · g (p = p + c · g when decay is exactly 1.0). No state. */
    record Sgd() implements UpdateRule {
        static final String NAME = "sgd";

        @Override
        public int stateSlots() {
            return 0;
        }

        @Override
        public void update(double[] p, double[] g, double[][] state, int from, int to, double[] scalars, double decay) {
            double c = scalars[0];
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
        public void update(double[] p, double[] g, double[][] state, int from, int to, double[] scalars, double decay) {
            double c = scalars[0];
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

    /**
     * Nesterov's momentum, one slot, the velocity v: s = c · g, v = μ · v + s, then
     * p = decay · p + (μ · v + s) (without the decay product when decay is exactly 1.0).
     */
    record Nesterov(double mu) implements UpdateRule {
        static final String NAME = "nesterov";

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public void update(double[] p, double[] g, double[][] state, int from, int to, double[] scalars, double decay) {
            double c = scalars[0];
            double[] v = state[0];
            for (int i = from; i < to; i++) {
                double s = c * g[i];
                v[i] = mu * v[i] + s;
                p[i] = (decay == 1.0 ? p[i] : decay * p[i]) + (mu * v[i] + s);
            }
        }

        @Override
        public String describe() {
            return NAME + " " + mu;
        }
    }

    /**
     * RMSProp, one slot, the mean square v; scalars c = -(rate / m) and k = (1.0 - ρ) / (m · m):
     * v = ρ · v + k · (g · g), then p = decay · p + c · (g / (Math.sqrt(v) + ε)).
     */
    record RmsProp(double rho, double epsilon) implements UpdateRule {
        static final String NAME = "rmsprop";

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public int scalars() {
            return 2;
        }

        @Override
        public void begin(double rate, int count, double[] counters, double[] scalars) {
            double m = count;
            scalars[0] = -(rate / m);
            scalars[1] = (1.0 - rho) / (m * m);
        }

        @Override
        public void update(double[] p, double[] g, double[][] state, int from, int to, double[] scalars, double decay) {
            double c = scalars[0];
            double k = scalars[1];
            double[] v = state[0];
            for (int i = from; i < to; i++) {
                v[i] = rho * v[i] + k * (g[i] * g[i]);
                double step = c * (g[i] / (Math.sqrt(v[i]) + epsilon));
                p[i] = (decay == 1.0 ? p[i] : decay * p[i]) + step;
            }
        }

        @Override
        public String describe() {
            return NAME + " " + rho + " " + epsilon;
        }
    }

    /**
     * Adam, two slots, the moments u and v, and one counter, the step count t. {@link #begin}: t = t +
     * 1.0, c = -(rate / (1.0 - StrictMath.pow(β1, t))), k1 = (1.0 - β1) / m, k2 = (1.0 - β2) / (m · m),
     * b = 1.0 / (1.0 - StrictMath.pow(β2, t)); per parameter u = β1 · u + k1 · g,
     * v = β2 · v + k2 · (g · g), p = decay · p + c · (u / (Math.sqrt(v · b) + ε)).
     */
    record Adam(double beta1, double beta2, double epsilon) implements UpdateRule {
        static final String NAME = "adam";

        @Override
        public int stateSlots() {
            return 2;
        }

        @Override
        public int counters() {
            return 1;
        }

        @Override
        public int scalars() {
            return 4;
        }

        @Override
        public void begin(double rate, int count, double[] counters, double[] scalars) {
            double t = counters[0] + 1.0;
            counters[0] = t;
            double m = count;
            scalars[0] = -(rate / (1.0 - StrictMath.pow(beta1, t)));
            scalars[1] = (1.0 - beta1) / m;
            scalars[2] = (1.0 - beta2) / (m * m);
            scalars[3] = 1.0 / (1.0 - StrictMath.pow(beta2, t));
        }

        @Override
        public void update(double[] p, double[] g, double[][] state, int from, int to, double[] scalars, double decay) {
            double c = scalars[0];
            double k1 = scalars[1];
            double k2 = scalars[2];
            double b = scalars[3];
            double[] u = state[0];
            double[] v = state[1];
            for (int i = from; i < to; i++) {
                u[i] = beta1 * u[i] + k1 * g[i];
                v[i] = beta2 * v[i] + k2 * (g[i] * g[i]);
                double step = c * (u[i] / (Math.sqrt(v[i] * b) + epsilon));
                p[i] = (decay == 1.0 ? p[i] : decay * p[i]) + step;
            }
        }

        @Override
        public String describe() {
            return NAME + " " + beta1 + " " + beta2 + " " + epsilon;
        }
    }
}
