package nnlang.model;

/**
 * The built-in activation functions, each next to its derivative: the one table both back ends
 * read. Every element-wise built-in is a predefined formula ({@link Expression}) of z with a derivative
 * in terms of z and the activation value a = f(z), whichever is cheaper and exact: the interpreter runs
 * their {@link Program}s over arrays and the compiler emits them, exactly as it does a formula
 * activation of the source, so adding an activation is adding one entry here.
 *
 * <ul>
 *   <li>step (Nielsen's perceptron): 1 if z &gt; 0, else 0; derivative 0 everywhere it exists, so
 *       gradient training through it is rejected by the front end;
 *   <li>sigmoid σ(z) = 1 / (1 + e^-z), σ' = a(1 - a);
 *   <li>tanh, tanh' = 1 - a²;
 *   <li>relu max(0, z), relu' = step(z) (0 at z = 0);
 *   <li>linear z, linear' = 1.
 * </ul>
 * Softmax is a vector function of the whole node, computed by {@link #softmax} and its Jacobian
 * applied by {@link #softmaxBackward}, which both back ends call.
 */
public enum BuiltinActivation implements Activation {
    /** Nielsen's perceptron: 1 if z &gt; 0, else 0. */
    STEP("step", Expression.apply(Expression.Op.STEP, Expression.Z), Expression.constant(0.0)),
    /** σ(z) = 1 / (1 + e^-z). */
    SIGMOID("sigmoid", Expression.apply(Expression.Op.SIGMOID, Expression.Z),
            Expression.apply(Expression.Op.MUL, Expression.A,
                    Expression.apply(Expression.Op.SUB, Expression.constant(1.0), Expression.A))),
    TANH("tanh", Expression.apply(Expression.Op.TANH, Expression.Z),
            Expression.apply(Expression.Op.SUB, Expression.constant(1.0),
                    Expression.apply(Expression.Op.MUL, Expression.A, Expression.A))),
    /** max(0, z). */
    RELU("relu", Expression.apply(Expression.Op.RELU, Expression.Z),
            Expression.apply(Expression.Op.STEP, Expression.Z)),
    /** The identity. */
    LINEAR("linear", Expression.Z, Expression.constant(1.0)),
    /** e^z_j / Σ_k e^z_k over a whole layer, computed with the maximum subtracted first. */
    SOFTMAX("softmax", null, null);

    private final String keyword;
    private final Expression forward;
    private final Expression derivative;
    private final Program forwardProgram;
    private final Program derivativeProgram;

    BuiltinActivation(String keyword, Expression forward, Expression derivative) {
        this.keyword = keyword;
        this.forward = forward;
        this.derivative = derivative;
        this.forwardProgram = forward == null ? null : Program.of(forward);
        this.derivativeProgram = derivative == null ? null : Program.of(derivative);
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
    public Expression forward() {
        return requireElementwise(forward);
    }

    @Override
    public Expression derivative() {
        return requireElementwise(derivative);
    }

    @Override
    public Program forwardProgram() {
        return requireElementwise(forwardProgram);
    }

    @Override
    public Program derivativeProgram() {
        return requireElementwise(derivativeProgram);
    }

    @Override
    public double apply(double z) {
        return forwardProgram().evaluate(z, Double.NaN);
    }

    @Override
    public double derivative(double z, double a) {
        return derivativeProgram().evaluate(z, a);
    }

    private <T> T requireElementwise(T value) {
        if (value == null) {
            throw new IllegalStateException(this + " is not element-wise");
        }
        return value;
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
