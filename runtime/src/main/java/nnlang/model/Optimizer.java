package nnlang.model;

/**
 * How a mini-batch's summed gradient g changes the parameters: the {@code optimizer} of a train
 * block. Every optimizer trains on mini-batches of {@link #batch()} samples with a learning rate
 * (per epoch, after any schedule) and an optional L2 weight decay λ, applied as
 * decay = 1 − rate·λ/n (n the training set size) to the weights, never to the biases. The exact
 * operations and their order are part of the canonical order ({@code nnlang.runtime}'s package
 * documentation); an optimizer with state keeps it per parameter, beside the parameters, in
 * parameter order.
 */
public sealed interface Optimizer {

    /** The name the language uses ({@code sgd}, {@code momentum}). */
    String keyword();

    /** The learning rate of the first epoch. */
    double rate();

    /** Samples per mini-batch. */
    int batch();

    /** The L2 weight decay λ (0 for none). */
    double l2();

    SourcePos pos();

    /**
     * How many values of state the optimizer keeps per parameter (0 for plain SGD, 1 for momentum's
     * velocity).
     */
    int stateSlots();

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
}
