package nnlang.frontend.check;

import java.util.List;
import nnlang.model.Expression;
import nnlang.model.Expression.Apply;
import nnlang.model.Expression.Constant;
import nnlang.model.Expression.Op;

/**
 * Builds simplified expressions: every formula and derivative the front end makes goes through
 * {@link #apply}, which folds constants (with the operation's own Java arithmetic, so folding
 * changes no bits) and removes neutral operations: x + 0, 0 + x, x - 0, x · 1, 1 · x, x / 1, x^1,
 * −(−x); and x · 0, 0 · x, 0 / x become 0, x^0 becomes 1, (−1) · x becomes −x, 0 − x becomes −x, a
 * choice between equal branches is that branch, and 1 / (1 + exp(−u)) becomes sigmoid(u), which
 * is defined as exactly those operations, so that its derivative is the built-in's s · (1 − s). Equal subexpressions need no work here: they are
 * equal values, computed once by {@link nnlang.model.Program}.
 */
final class Simplifier {

    private Simplifier() {}

    static Expression apply(Op op, Expression... x) {
        if (List.of(x).stream().allMatch(e -> e instanceof Constant)) {
            double[] values = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                values[i] = ((Constant) x[i]).value();
            }
            return Expression.constant(op.apply(values));
        }
        switch (op) {
            case ADD -> {
                if (isZero(x[1])) {
                    return x[0];
                }
                if (isZero(x[0])) {
                    return x[1];
                }
            }
            case SUB -> {
                if (isZero(x[1])) {
                    return x[0];
                }
                if (isZero(x[0])) {
                    return apply(Op.NEG, x[1]);
                }
            }
            case MUL -> {
                if (isZero(x[0]) || isZero(x[1])) {
                    return Expression.constant(0.0);
                }
                if (is(x[0], 1.0)) {
                    return x[1];
                }
                if (is(x[1], 1.0)) {
                    return x[0];
                }
                if (is(x[0], -1.0)) {
                    return apply(Op.NEG, x[1]);
                }
                if (is(x[1], -1.0)) {
                    return apply(Op.NEG, x[0]);
                }
            }
            case DIV -> {
                if (is(x[1], 1.0)) {
                    return x[0];
                }
                if (is(x[0], 1.0) && isOnePlusExpOfMinus(x[1])) {
                    // 1 / (1 + exp(-u)) is the sigmoid, computed by exactly these operations
                    return apply(Op.SIGMOID, ((Apply) ((Apply) ((Apply) x[1]).operands().get(1)).operands().get(0))
                            .operands().get(0));
                }
                if (isZero(x[0])) {
                    return Expression.constant(0.0);
                }
            }
            case POW -> {
                if (is(x[1], 1.0)) {
                    return x[0];
                }
                if (isZero(x[1])) {
                    return Expression.constant(1.0);
                }
            }
            case NEG -> {
                if (x[0] instanceof Apply a && a.op() == Op.NEG) {
                    return a.operands().get(0);
                }
            }
            case IF_GREATER -> {
                if (x[2].equals(x[3])) {
                    return x[2];
                }
            }
            default -> { }
        }
        return Expression.apply(op, x);
    }

    /** Whether {@code e} is 1 + exp(-u) for some u. */
    private static boolean isOnePlusExpOfMinus(Expression e) {
        return e instanceof Apply sum && sum.op() == Op.ADD && is(sum.operands().get(0), 1.0)
                && sum.operands().get(1) instanceof Apply exp && exp.op() == Op.EXP
                && exp.operands().get(0) instanceof Apply minus && minus.op() == Op.NEG;
    }

    /** Zero of either sign. */
    private static boolean isZero(Expression e) {
        return e instanceof Constant c && c.value() == 0.0;
    }

    private static boolean is(Expression e, double value) {
        return e instanceof Constant c && c.value() == value;
    }

    /** {@code e} with every occurrence of {@code part} replaced by {@code by}, simplified again. */
    static Expression replace(Expression e, Expression part, Expression by) {
        if (e.equals(part)) {
            return by;
        }
        if (e instanceof Apply a) {
            Expression[] operands = a.operands().stream().map(o -> replace(o, part, by)).toArray(Expression[]::new);
            return apply(a.op(), operands);
        }
        return e;
    }
}
