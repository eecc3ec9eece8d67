package nnlang.model;

/**
 * An activation defined by a formula in the source ({@code activation softsign(z) = z / (1 +
 * abs(z))}), with the derivative the front end derived for it. Calls of other activations are
 * already inlined, and both expressions are simplified; the derivative may read a = f(z)
 * ({@link Expression#A}). The back ends run {@link #forwardProgram} and
 * {@link #derivativeProgram}, whose step order is the canonical order of a formula.
 *
 * @param name       the activation's name in the source
 * @param forward    f(z)
 * @param derivative f'(z), in terms of z and a
 * @param pos        where the definition's name is written
 * @param forwardProgram    {@code Program.of(forward)}
 * @param derivativeProgram {@code Program.of(derivative)}
 */
public record FormulaActivation(String name, Expression forward, Expression derivative, SourcePos pos,
                                Program forwardProgram, Program derivativeProgram) implements Activation {

    public FormulaActivation {
        if (forward.reads(Expression.A)) {
            throw new IllegalArgumentException("the formula of " + name + " reads its own value");
        }
        if (!forwardProgram.equals(Program.of(forward)) || !derivativeProgram.equals(Program.of(derivative))) {
            throw new IllegalArgumentException("the programs of " + name + " are not those of its expressions");
        }
    }

    public FormulaActivation(String name, Expression forward, Expression derivative, SourcePos pos) {
        this(name, forward, derivative, pos, Program.of(forward), Program.of(derivative));
    }

    @Override
    public String keyword() {
        return name;
    }

    /** False when the formula uses step, whose derivative 0 would silently stop training. */
    @Override
    public boolean isDifferentiable() {
        return !forward.uses(Expression.Op.STEP);
    }

    @Override
    public boolean isElementwise() {
        return true;
    }

    @Override
    public double apply(double z) {
        return forwardProgram().evaluate(z, Double.NaN);
    }

    @Override
    public double derivative(double z, double a) {
        return derivativeProgram().evaluate(z, a);
    }
}
