package nnlang.model;

/**
 * A node's activation function: a {@link BuiltinActivation} or a {@link FormulaActivation} defined
 * in the source. Both kinds carry their derivative as a formula ({@link Expression}) and its
 * straight-line {@link Program}, which the interpreter runs over arrays and the compiler emits, so
 * the two kinds are one and the same thing to the back ends (but softmax, a function of a whole
 * node).
 *
 * <p>Derivatives take the pre-activation {@code z} and the activation value {@code a = f(z)}, so
 * that f' can reuse the forward value (sigmoid' = a(1 - a)).
 */
public sealed interface Activation permits BuiltinActivation, FormulaActivation {
    BuiltinActivation STEP = BuiltinActivation.STEP;
    BuiltinActivation SIGMOID = BuiltinActivation.SIGMOID;
    BuiltinActivation TANH = BuiltinActivation.TANH;
    BuiltinActivation RELU = BuiltinActivation.RELU;
    BuiltinActivation LINEAR = BuiltinActivation.LINEAR;
    BuiltinActivation SOFTMAX = BuiltinActivation.SOFTMAX;

    /** The name used in {@code .nn} sources. */
    String keyword();

    /** Whether gradient training can pass through this activation. */
    boolean isDifferentiable();

    /** Whether f is applied element by element (all but softmax). */
    boolean isElementwise();

    /** f(z) of an element-wise activation, as a formula of {@link Expression#Z}. */
    Expression forward();

    /** f'(z) of an element-wise activation, as a formula of z and {@link Expression#A}, the value a = f(z). */
    Expression derivative();

    /** The straight-line form of {@link #forward()}: the order in which both back ends compute f. */
    Program forwardProgram();

    /** The straight-line form of {@link #derivative()}. */
    Program derivativeProgram();

    /**
     * f(z) for an element-wise activation: its forward program on one value. (Not a default method:
     * an interface with default methods is initialised with the enum that implements it, which would
     * leave the constants above null while the enum initialises.)
     */
    double apply(double z);

    /** f'(z) for an element-wise activation, given z and a = f(z): its derivative program on one value. */
    double derivative(double z, double a);
}
