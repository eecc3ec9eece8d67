package nnlang.testing;

import static nnlang.model.Expression.A;
import static nnlang.model.Expression.Z;

import java.util.List;
import nnlang.model.Expression;
import nnlang.model.Expression.Op;
import nnlang.model.FormulaActivation;
import nnlang.model.SourcePos;

/**
 * Formula activations written out by hand, with their derivatives, for tests of the back ends that
 * cannot run the front end: together they use every {@link Op}, derivatives that read z, a or both,
 * and repeated subexpressions. {@link #SMOOTH} have smooth derivatives, so that finite differences
 * check them anywhere; softsign's second derivative jumps at 0, and {@link #KINKED} has kinks and
 * a step, as the built-in relu and step have.
 */
public final class Formulas {

    private Formulas() {}

    private static Expression c(double v) {
        return Expression.constant(v);
    }

    private static Expression op(Op op, Expression... x) {
        return Expression.apply(op, x);
    }

    /** softsign(z) = z / (1 + |z|); f' = 1 / ((1 + |z|)(1 + |z|)). */
    public static final FormulaActivation SOFTSIGN;
    /** swish(z) = z·σ(z); f' = σ + z·σ·(1 − σ), σ computed once. */
    public static final FormulaActivation SWISH;
    /** scaled(z) = 1.1·tanh(2z/3); f' = 2/3·(1.1 − a·a/1.1), from a alone. */
    public static final FormulaActivation SCALED;
    /** A sum of log, exp, sqrt, pow, sin, cos and a negation. */
    public static final FormulaActivation MIXED;
    /** max, min, relu, abs and step: kinks and a zero slope. */
    public static final FormulaActivation KINKED;

    static {
        Expression onePlusAbs = op(Op.ADD, c(1.0), op(Op.ABS, Z));
        SOFTSIGN = formula("softsign", op(Op.DIV, Z, onePlusAbs),
                op(Op.DIV, c(1.0), op(Op.MUL, onePlusAbs, onePlusAbs)));
        Expression s = op(Op.SIGMOID, Z);
        SWISH = formula("swish", op(Op.MUL, Z, s),
                op(Op.ADD, s, op(Op.MUL, Z, op(Op.MUL, s, op(Op.SUB, c(1.0), s)))));
        Expression t = op(Op.TANH, op(Op.DIV, op(Op.MUL, c(2.0), Z), c(3.0)));
        // f' = 1.1 · (1 − t²) · 2/3 = 2/3 · (1.1 − a · a / 1.1), read from a alone
        SCALED = formula("scaled", op(Op.MUL, c(1.1), t),
                op(Op.MUL, c(2.0 / 3.0), op(Op.SUB, c(1.1), op(Op.DIV, op(Op.MUL, A, A), c(1.1)))));
        // log(1 + e^-z) + z - 0.5 sqrt(z^2 + 1) + 0.1 sin z · cos z, of slope 0.5 or less far from 0
        Expression root = op(Op.SQRT, op(Op.ADD, op(Op.POW, Z, c(2.0)), c(1.0)));
        Expression mixed = op(Op.ADD, op(Op.SUB, op(Op.ADD, op(Op.LOG, op(Op.ADD, c(1.0), op(Op.EXP, op(Op.NEG, Z)))), Z),
                op(Op.MUL, c(0.5), root)), op(Op.MUL, c(0.1), op(Op.MUL, op(Op.SIN, Z), op(Op.COS, Z))));
        // σ(z) - 0.5 z / sqrt(z^2 + 1) + 0.1 (cos z cos z - sin z sin z)
        Expression cos2 = op(Op.SUB, op(Op.MUL, op(Op.COS, Z), op(Op.COS, Z)), op(Op.MUL, op(Op.SIN, Z), op(Op.SIN, Z)));
        MIXED = formula("mixed", mixed, op(Op.ADD, op(Op.SUB, op(Op.SIGMOID, Z),
                op(Op.MUL, c(0.5), op(Op.DIV, Z, root))), op(Op.MUL, c(0.1), cos2)));
        // 0.5 max(z, 0.1 z) + 0.2 min(z, 0) + 0.2 relu(z) + 0.1 |z| + 0.25 step(z)
        Expression kinked = op(Op.ADD, op(Op.ADD, op(Op.ADD, op(Op.ADD,
                op(Op.MUL, c(0.5), op(Op.MAX, Z, op(Op.MUL, c(0.1), Z))),
                op(Op.MUL, c(0.2), op(Op.MIN, Z, c(0.0)))), op(Op.MUL, c(0.2), op(Op.RELU, Z))),
                op(Op.MUL, c(0.1), op(Op.ABS, Z))), op(Op.MUL, c(0.25), op(Op.STEP, Z)));
        Expression slope = op(Op.ADD, op(Op.ADD, op(Op.ADD,
                op(Op.MUL, c(0.5), op(Op.IF_GREATER, Z, op(Op.MUL, c(0.1), Z), c(1.0), c(0.1))),
                op(Op.MUL, c(0.2), op(Op.IF_GREATER, c(0.0), Z, c(1.0), c(0.0)))),
                op(Op.MUL, c(0.2), op(Op.STEP, Z))), op(Op.MUL, c(0.1), op(Op.SIGN, Z)));
        KINKED = formula("kinked", kinked, slope);
    }

    /** The formulas whose derivatives are smooth. */
    public static final List<FormulaActivation> SMOOTH = List.of(SWISH, SCALED, MIXED);

    /** Every formula here. */
    public static final List<FormulaActivation> ALL = List.of(SOFTSIGN, SWISH, SCALED, MIXED, KINKED);

    private static FormulaActivation formula(String name, Expression forward, Expression derivative) {
        return new FormulaActivation(name, forward, derivative, SourcePos.NONE);
    }
}
