package nnlang.model;

/**
 * How a mini-batch's summed gradient g changes the parameters: the {@code optimizer} of a train
 * block. Every optimizer trains on mini-batches of {@link #batch()} samples with a learning rate
 * (per epoch, after any schedule) and, where it takes one, a weight decay of the weights, never of
 * the biases: {@link #decay}. The exact operations and their order are part of the canonical order
 * ({@code nnlang.runtime}'s package documentation); an optimizer with state keeps it per parameter,
 * beside the parameters, in parameter order.
 */
public sealed interface Optimizer {

    /** The name the language uses ({@code sgd}, {@code momentum}, …). */
    String keyword();

    /** The learning rate of the first epoch. */
    double rate();

    /** Samples per mini-batch. */
    int batch();

    /** The L2 weight decay λ of {@code sgd}, {@code momentum} and {@code nesterov} (0 for none and for the others). */
    default double l2() {
        return 0.0;
    }

    SourcePos pos();

    /**
     * How many values of state the optimizer keeps per parameter (0 for plain SGD, 1 for momentum's
     * velocity, 2 for Adam's moments).
     */
    int stateSlots();

    /**
     * The factor every weight is multiplied by in each step of an epoch trained at {@code rate} on
     * {@code n} samples, before the step is added: exactly 1.0 when the optimizer decays nothing
     * (then the product is not computed). With L2 ({@code sgd}, {@code momentum}, {@code nesterov})
     * it is {@code 1.0 - rate * l2 / n}, evaluated left to right in double.
     */
    default double decay(double rate, int n) {
        return l2() == 0.0 ? 1.0 : 1.0 - rate * l2() / n;
    }

    /**
     * Mini-batch stochastic gradient descent: w ← decay·w + c·g, b ← b + c·g, c = −(rate/m), m the
     * number of samples in the mini-batch (the last one of an epoch may be smaller).
     */
    record Sgd(double rate, int batch, double l2, SourcePos pos) implements Optimizer {
        public static final String KEYWORD = "sgd";

        @Override
        public String keyword() {
            return KEYWORD;
        }

        @Override
        public int stateSlots() {
            return 0;
        }
    }

    /**
     * Classical momentum: each parameter has a velocity v, 0.0 before the first batch;
     * v ← μ·v + c·g, then w ← decay·w + v (b ← b + v), c = −(rate/m).
     *
     * @param mu the momentum coefficient μ, 0 ≤ μ &lt; 1
     */
    record Momentum(double rate, int batch, double mu, double l2, SourcePos pos) implements Optimizer {
        public static final String KEYWORD = "momentum";

        @Override
        public String keyword() {
            return KEYWORD;
        }

        @Override
        public int stateSlots() {
            return 1;
        }
    }

    /**
     * Nesterov's accelerated momentum in the form of Sutskever et al.: with s = c·g,
     * v ← μ·v + s, then w ← decay·w + (μ·v + s), the step looking ahead along the new velocity.
     *
     * @param mu the momentum coefficient μ, 0 ≤ μ &lt; 1
     */
    record Nesterov(double rate, int batch, double mu, double l2, SourcePos pos) implements Optimizer {
        public static final String KEYWORD = "nesterov";

        @Override
        public String keyword() {
            return KEYWORD;
        }

        @Override
        public int stateSlots() {
            return 1;
        }
    }

    /**
     * RMSProp (Hinton): with ĝ = g/m the mean gradient, each parameter keeps a mean square
     * v ← ρ·v + (1 − ρ)·ĝ², and moves by −rate·ĝ / (√v + ε). No weight decay.
     *
     * @param rho     the decay of the mean square ρ, 0 ≤ ρ &lt; 1
     * @param epsilon ε &gt; 0, added to the root
     */
    record RmsProp(double rate, int batch, double rho, double epsilon, SourcePos pos) implements Optimizer {
        public static final String KEYWORD = "rmsprop";

        @Override
        public String keyword() {
            return KEYWORD;
        }

        @Override
        public int stateSlots() {
            return 1;
        }
    }

    /**
     * Adam (Kingma and Ba, Algorithm 1), or with a weight decay AdamW (Loshchilov and Hutter): with
     * ĝ = g/m the mean gradient and t the number of steps so far, the first and second moments
     * m ← β1·m + (1 − β1)·ĝ and v ← β2·v + (1 − β2)·ĝ², bias-corrected m̂ = m / (1 − β1^t) and
     * v̂ = v / (1 − β2^t), and w ← decay·w − rate·m̂ / (√v̂ + ε). {@code adam} never decays
     * (decay = 1); {@code adamw} decouples its decay from the gradient: decay = 1 − rate·weightDecay,
     * applied to the weights only, as the canonical order says.
     *
     * @param decoupled   whether this is {@code adamw}
     * @param weightDecay AdamW's decay λ ≥ 0 (0 for {@code adam})
     */
    record Adam(double rate, int batch, double beta1, double beta2, double epsilon, boolean decoupled,
                double weightDecay, SourcePos pos) implements Optimizer {
        public static final String KEYWORD = "adam";
        public static final String DECOUPLED_KEYWORD = "adamw";

        @Override
        public String keyword() {
            return decoupled ? DECOUPLED_KEYWORD : KEYWORD;
        }

        @Override
        public int stateSlots() {
            return 2;
        }

        /** {@code 1.0 - rate * weightDecay} for AdamW with a decay, else exactly 1.0. */
        @Override
        public double decay(double rate, int n) {
            return weightDecay == 0.0 ? 1.0 : 1.0 - rate * weightDecay;
        }
    }
}
