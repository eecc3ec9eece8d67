package nnlang.frontend.check;

import static nnlang.frontend.check.Simplifier.apply;

import nnlang.model.Expression;
import nnlang.model.Expression.Apply;
import nnlang.model.Expression.Constant;
import nnlang.model.Expression.Op;

/**
 * Derives d/dz of a formula by the chain rule, one rule per operation, simplifying as it builds.
 * The result is then written in terms of a = f(z) wherever the whole formula reappears in it
 * ({@link #derivative}), so that the back ends reuse the forward value.
 *
 * <p>Rules (u, v operands, u' and v' their derivatives): (u ± v)' = u' ± v'; (u·v)' = u'·v + u·v';
 * (u/c)' = u'/c; (u/v)' = (u'·v − u·v') / (v·v); (u^c)' = c·u^(c−1)·u'; (c^v)' = c^v·log(c)·v';
 * (u^v)' = u^v·(v'·log(u) + v·u'/u); exp' = exp; log'(u) = 1/u; sqrt'(u) = 1/(2·sqrt(u)); sin' = cos;
 * cos' = −sin; tanh'(u) = 1 − t·t with t = tanh(u); sigmoid'(u) = s·(1 − s) with s = sigmoid(u).
 *
 * <p>Where a function has no derivative, the rule is fixed and the same for both back ends:
 * abs'(u) = sign(u), which is 0 at 0; relu'(u) = step(u), 0 at 0 (as the built-in relu); step' and
 * sign' = 0 (a formula with step is rejected for training); max(u, v)' = u' where u &gt; v, else v',
 * and min(u, v)' = u' where u &lt; v, else v' (a tie takes the second argument's derivative).
 */
final class Differentiator {

    private Differentiator() {}

    /** f'(z) for f = {@code forward}, simplified and reading a = f(z) where it can. */
    static Expression derivative(Expression forward) {
        Expression d = derive(forward);
        return forward instanceof Apply ? Simplifier.replace(d, forward, Expression.A) : d;
    }

    /** d/dz of {@code e}, simplified, in terms of z only. */
    static Expression derive(Expression e) {
        if (e instanceof Constant) {
            return zero();
        }
        if (e instanceof Expression.Parameter) {
            return one();
        }
        if (!(e instanceof Apply a)) {
            throw new IllegalArgumentException("a formula cannot read its own value: " + e);
        }
        Expression u = a.operands().get(0);
        Expression v = a.operands().size() > 1 ? a.operands().get(1) : null;
        return switch (a.op()) {
            case NEG -> apply(Op.NEG, derive(u));
            case ADD -> apply(Op.ADD, derive(u), derive(v));
            case SUB -> apply(Op.SUB, derive(u), derive(v));
            case MUL -> apply(Op.ADD, apply(Op.MUL, derive(u), v), apply(Op.MUL, u, derive(v)));
            case DIV -> v instanceof Constant
                    ? apply(Op.DIV, derive(u), v)
                    : apply(Op.DIV, apply(Op.SUB, apply(Op.MUL, derive(u), v), apply(Op.MUL, u, derive(v))),
                            apply(Op.MUL, v, v));
            case POW -> power(a, u, v);
            case EXP -> chain(a, u);
            case LOG -> chain(apply(Op.DIV, one(), u), u);
            case SQRT -> chain(apply(Op.DIV, one(), apply(Op.MUL, Expression.constant(2.0), a)), u);
            case ABS -> chain(apply(Op.SIGN, u), u);
            case SIN -> chain(apply(Op.COS, u), u);
            case COS -> chain(apply(Op.NEG, apply(Op.SIN, u)), u);
            case TANH -> chain(apply(Op.SUB, one(), apply(Op.MUL, a, a)), u);
            case SIGMOID -> chain(apply(Op.MUL, a, apply(Op.SUB, one(), a)), u);
            case RELU -> chain(apply(Op.STEP, u), u);
            case STEP, SIGN -> zero();
            case MAX -> apply(Op.IF_GREATER, u, v, derive(u), derive(v));
            case MIN -> apply(Op.IF_GREATER, v, u, derive(u), derive(v));
            case IF_GREATER -> apply(Op.IF_GREATER, u, v, derive(a.operands().get(2)), derive(a.operands().get(3)));
        };
    }

    /** outer · u', the chain rule. */
    private static Expression chain(Expression outer, Expression u) {
        return apply(Op.MUL, outer, derive(u));
    }

    private static Expression power(Apply a, Expression u, Expression v) {
        if (v instanceof Constant c) {
            Expression lower = apply(Op.POW, u, apply(Op.SUB, c, one()));
            return chain(apply(Op.MUL, c, lower), u);
        }
        if (u instanceof Constant) {
            return chain(apply(Op.MUL, a, apply(Op.LOG, u)), v);
        }
        Expression inner = apply(Op.ADD, apply(Op.MUL, derive(v), apply(Op.LOG, u)),
                apply(Op.DIV, apply(Op.MUL, v, derive(u)), u));
        return apply(Op.MUL, a, inner);
    }

    private static Expression zero() {
        return Expression.constant(0.0);
    }

    private static Expression one() {
        return Expression.constant(1.0);
    }
}
