package nnlang.model;

/**
 * How parameters without a value in the source are initialised. Values are drawn from one
 * {@code java.util.Random(seed)} in parameter order ({@link NetworkModel}): a preset parameter still
 * consumes its draw, so giving one weight a value does not change the others.
 */
public sealed interface Init {

    /**
     * Weights and biases from N(mean, sd²); with {@code scaled}, each weight's standard deviation is
     * divided by √fanIn of its node (biases keep sd).
     */
    record Gaussian(double mean, double sd, boolean scaled, SourcePos pos) implements Init {}
}
