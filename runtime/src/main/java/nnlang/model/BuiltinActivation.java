package nnlang.model;

/**
 * The built-in activation functions, each next to its derivative: the one table both back ends
 * read.
 *
 * <p>Every formula here is part of the canonical operation order (see {@code package-info}): the
 * interpreter calls these methods, and the compiler emits exactly the same arithmetic inline, so
 * that both produce the same bits.
 *
 * <p>Derivatives are written in terms of the pre-activation {@code z} and the activation value
 * {@code a = f(z)}, whichever is cheaper and exact: sigmoid' = a(1 - a), tanh' = 1 - a², relu' is 1
 * for z &gt; 0 and 0 otherwise (0 at z = 0), linear' = 1. Step has derivative 0 everywhere it exists,
 * so gradient training through it is rejected by the front end. Softmax is a vector function; its
 * Jacobian is applied by {@link #softmaxBackward}.
 */
public enum BuiltinActivation implements Activation {
    /** Nielsen's perceptron: 1 if z &gt; 0, else 0. */
    STEP("step"),
    /** σ(z) = 1 / (1 + e^-z). */
    SIGMOID("sigmoid"),
    TANH("tanh"),
    /** max(0, z). */
    RELU("relu"),
    /** The identity. */
    LINEAR("linear"),
    /** e^z_j / Σ_k e^z_k over a whole layer, computed with the maximum subtracted first. */
    SOFTMAX("softmax");

    private final String keyword;

    BuiltinActivation(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    /** The built-in activation named {@code keyword} in a source, or null. */
    public static BuiltinActivation byKeyword(String keyword) {
        for (BuiltinActivation a : values()) {
            if (a.keyword.equals(keyword)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public boolean isDifferentiable() {
        return this != STEP;
    }

    @Override
    public boolean isElementwise() {
        return this != SOFTMAX;
    }

    @Override
    public double apply(double z) {
        switch (this) {
            case STEP:
                return z > 0.0 ? 1.0 : 0.0;
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-z));
            case TANH:
                return Math.tanh(z);
            case RELU:
                return z > 0.0 ? z : 0.0;
            case LINEAR:
                return z;
            default:
                throw new IllegalStateException(this + " is not element-wise");
        }
    }

    @Override
    public double derivative(double z, double a) {
        switch (this) {
            case STEP:
                return 0.0;
            case SIGMOID:
                return a * (1.0 - a);
            case TANH:
                return 1.0 - a * a;
            case RELU:
                return z > 0.0 ? 1.0 : 0.0;
            case LINEAR:
                return 1.0;
            default:
                throw new IllegalStateException(this + " is not element-wise");
        }
    }

    /**
     * Softmax of {@code z[from .. from+n)} into {@code a[from .. from+n)}: m = max z (ascending scan),
     * e_j = exp(z_j - m), s = Σ e_j in ascending j starting from 0.0, a_j = e_j / s.
     */
    public static void softmax(double[] z, double[] a, int from, int n) {
        double max = z[from];
        for (int j = 1; j < n; j++) {
            if (z[from + j] > max) {
                max = z[from + j];
            }
        }
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(z[from + j] - max);
            a[from + j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            a[from + j] = a[from + j] / sum;
        }
    }

    /**
     * The softmax Jacobian applied to an upstream gradient: given g = dC/da and a, writes
     * dC/dz_j = a_j * (g_j - s) with s = Σ_k g_k * a_k in ascending k starting from 0.0.
     */
    public static void softmaxBackward(double[] g, double[] a, double[] dz, int from, int n) {
        double s = 0.0;
        for (int k = 0; k < n; k++) {
            s += g[from + k] * a[from + k];
        }
        for (int j = 0; j < n; j++) {
            dz[from + j] = a[from + j] * (g[from + j] - s);
        }
    }
}
