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
 * The reported cost of a data set is the mean over samples of the per-sample cost. This class is the
 * one definition of each cost and its derivative: the interpreter calls {@link #value} and
 * {@link #outputGradient}, and the compiled classes call {@link #quadraticTerm},
 * {@link #crossEntropyTerm} and {@link #outputGradient} themselves (small static methods that the
 * JIT inlines), so both compute the same bits.
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
     * The per-sample cost of outputs {@code a} against targets {@code y}: 0.0, then each output's
     * term added in ascending j ({@link #quadraticTerm}, {@link #crossEntropyTerm}). {@code softmax}
     * says the outputs are one softmax layer (log-likelihood form of cross-entropy).
     */
    public double value(double[] a, double[] y, boolean softmax) {
        double c = 0.0;
        for (int j = 0; j < a.length; j++) {
            c = this == QUADRATIC ? quadraticTerm(c, a[j], y[j]) : crossEntropyTerm(c, a[j], y[j], softmax);
        }
        return c;
    }

    /** The quadratic cost {@code c} with output a's term added: d = a - y, then c + 0.5 · d · d. */
    public static double quadraticTerm(double c, double a, double y) {
        double d = a - y;
        return c + 0.5 * d * d;
    }

    /**
     * The cross-entropy cost {@code c} with output a's terms subtracted: c - y · ln a unless y is
     * 0.0, then, unless the outputs are one softmax layer, c - (1 - y) · ln(1 - a) (as
     * {@code Math.log1p(-a)}) unless y is 1.0. So a = 0 or 1 with the matching target gives 0, not
     * NaN.
     */
    public static double crossEntropyTerm(double c, double a, double y, boolean softmax) {
        if (y != 0.0) {
            c -= y * Math.log(a);
        }
        if (!softmax && y != 1.0) {
            c -= (1.0 - y) * Math.log1p(-a);
        }
        return c;
    }

    /**
     * The cost's gradient at output element a with target y, a - y: dC/da for the quadratic cost,
     * and for cross-entropy, which is only allowed on sigmoid and softmax outputs, dC/dz with the
     * activation's derivative fused in.
     */
    public static double outputGradient(double a, double y) {
        return a - y;
    }
}
