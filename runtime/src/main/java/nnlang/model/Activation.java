package nnlang.model;

/**
 * A node's activation function: a {@link BuiltinActivation} or a {@link FormulaActivation} defined
 * in the source. Both kinds carry their derivative and are read the same way by the front end's
 * rules, the interpreter and the compiler; each back end visits the two kinds with its own code.
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

    /** f(z) for an element-wise activation. */
    double apply(double z);

    /** f'(z) for an element-wise activation, given z and a = f(z). */
    double derivative(double z, double a);
}
