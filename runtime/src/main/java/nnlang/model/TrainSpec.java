package nnlang.model;

import java.util.Optional;

/**
 * A {@code train} block: what to learn from and how.
 *
 * @param epochs      passes over the training data (0 is allowed: initialise only)
 * @param reportEvery print a progress line every this many epochs; 0 lets the trainer choose
 * @param expect      the accuracy the trained network must reach, if the source demands one
 */
public record TrainSpec(
        DataSpec data,
        Cost cost,
        Sgd optimizer,
        int epochs,
        Init init,
        long seed,
        int reportEvery,
        Optional<Expectation> expect,
        SourcePos pos) {

    /**
     * Mini-batch stochastic gradient descent: w ← (1 - rate·l2/n)·w - (rate/m)·Σ_batch ∂C/∂w, where n
     * is the training set size and m the size of the mini-batch (the last one of an epoch may be
     * smaller). Biases are not decayed.
     */
    public record Sgd(double rate, int batch, double l2, SourcePos pos) {}

    /** {@code expect accuracy >= minimum}: checked on the test set, or the training set if none. */
    public record Expectation(double minimumAccuracy, SourcePos pos) {}
}
