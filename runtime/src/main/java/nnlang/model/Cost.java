package nnlang.model;

/**
 * The cost functions, each next to its derivative, per sample and summed over output elements.
 *
 * <ul>
 *   <li>quadratic: C = ½ Σ_j (a_j - y_j)², dC/da_j = a_j - y_j;
 *   <li>cross-entropy: for sigmoid outputs C = -Σ_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)], for a
 *       softmax output C = -Σ_j y_j ln a_j. It is only allowed on sigmoid or softmax outputs, where
 *       the derivative through the activation is fused: dC/dz_j = a_j - y_j.
 * </ul>
 *
 * The reported cost of a data set is the mean over samples of the per-sample cost. The compiler
 * emits the arithmetic of {@link #value} inline (its {@code CostEmitter}); a change here is a change
 * there.
 */
public enum Cost {
    QUADRATIC("quadratic"),
    CROSS_ENTROPY("cross_entropy");

    private final String keyword;

    Cost(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Cost byKeyword(String keyword) {
        for (Cost c : values()) {
            if (c.keyword.equals(keyword)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The per-sample cost of outputs {@code a} against targets {@code y}, summed in ascending j.
     * {@code softmax} says the outputs are one softmax layer (log-likelihood form of cross-entropy).
     * Cross-entropy terms are computed so that a = 0 or 1 with the matching target gives 0, not NaN.
     */
    public double value(double[] a, double[] y, boolean softmax) {
        double c = 0.0;
        switch (this) {
            case QUADRATIC:
                for (int j = 0; j < a.length; j++) {
                    double d = a[j] - y[j];
                    c += 0.5 * d * d;
                }
                return c;
            case CROSS_ENTROPY:
                for (int j = 0; j < a.length; j++) {
                    if (y[j] != 0.0) {
                        c -= y[j] * Math.log(a[j]);
                    }
                    if (!softmax && y[j] != 1.0) {
                        c -= (1.0 - y[j]) * Math.log1p(-a[j]);
                    }
                }
                return c;
            default:
                throw new AssertionError(this);
        }
    }
}
