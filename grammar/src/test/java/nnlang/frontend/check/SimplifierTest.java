package nnlang.frontend.check;

import static nnlang.model.Expression.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlang.model.Expression;
import nnlang.model.Expression.Op;
import org.junit.jupiter.api.Test;

/** Constant folding and the neutral-element rules of {@link Simplifier}. */
class SimplifierTest {

    private static Expression c(double v) {
        return Expression.constant(v);
    }

    private static String s(Op op, Expression... x) {
        return Expression.text(Simplifier.apply(op, x), "z");
    }

    @Test
    void constantsFoldWithTheOperationsOwnArithmetic() {
        assertEquals(c(0.1 + 0.2), Simplifier.apply(Op.ADD, c(0.1), c(0.2)));
        assertEquals(c(Math.exp(1.5)), Simplifier.apply(Op.EXP, c(1.5)));
        assertEquals(c(1.0 / (1.0 + Math.exp(-0.3))), Simplifier.apply(Op.SIGMOID, c(0.3)));
        assertEquals(c(Math.pow(2, 0.5)), Simplifier.apply(Op.POW, c(2), c(0.5)));
        assertEquals(c(-0.0), Simplifier.apply(Op.NEG, c(0.0)), "the sign of zero is kept");
        assertEquals("6 + z", Expression.text(Simplifier.apply(Op.ADD, Simplifier.apply(Op.MUL, c(2), c(3)), Z), "z"));
    }

    @Test
    void neutralOperationsDisappear() {
        assertEquals("z", s(Op.ADD, Z, c(0)));
        assertEquals("z", s(Op.ADD, c(0), Z));
        assertEquals("z", s(Op.SUB, Z, c(0)));
        assertEquals("-z", s(Op.SUB, c(0), Z));
        assertEquals("z", s(Op.MUL, Z, c(1)));
        assertEquals("z", s(Op.MUL, c(1), Z));
        assertEquals("0", s(Op.MUL, Z, c(0)));
        assertEquals("0", s(Op.MUL, c(-0.0), Z));
        assertEquals("-z", s(Op.MUL, c(-1), Z));
        assertEquals("-z", s(Op.MUL, Z, c(-1)));
        assertEquals("z", s(Op.DIV, Z, c(1)));
        assertEquals("0", s(Op.DIV, c(0), Z));
        assertEquals("z", s(Op.POW, Z, c(1)));
        assertEquals("1", s(Op.POW, Z, c(0)));
        assertEquals("z", s(Op.NEG, Simplifier.apply(Op.NEG, Z)));
        assertEquals("z", s(Op.IF_GREATER, Z, c(0), Z, Z));
    }

    @Test
    void theSigmoidWrittenOutIsTheSigmoid() {
        Expression u = Simplifier.apply(Op.MUL, c(2), Z);
        Expression written = Simplifier.apply(Op.DIV, c(1), Simplifier.apply(Op.ADD, c(1),
                Simplifier.apply(Op.EXP, Simplifier.apply(Op.NEG, u))));
        assertEquals(Expression.apply(Op.SIGMOID, u), written);
        assertEquals("2 / (1 + exp(-z))", s(Op.DIV, c(2), Simplifier.apply(Op.ADD, c(1),
                Simplifier.apply(Op.EXP, Simplifier.apply(Op.NEG, Z)))));
    }

    @Test
    void whatIsNotNeutralStays() {
        assertEquals("z * 2", s(Op.MUL, Z, c(2)));
        assertEquals("1 - z", s(Op.SUB, c(1), Z));
        assertEquals("0 / 0", Expression.text(Expression.apply(Op.DIV, c(0), c(0)), "z"));
        assertTrue(Double.isNaN(((Expression.Constant) Simplifier.apply(Op.DIV, c(0), c(0))).value()),
                "0/0 folds to NaN, as computed");
        assertEquals("if_greater(z, 0, 1, 0)", s(Op.IF_GREATER, Z, c(0), c(1), c(0)));
    }

    @Test
    void replaceSubstitutesAndSimplifiesAgain() {
        Expression e = Simplifier.apply(Op.MUL, Simplifier.apply(Op.EXP, Z), c(3));
        assertEquals("a * 3", Expression.text(Simplifier.replace(e, Simplifier.apply(Op.EXP, Z), Expression.A), "z"));
        assertEquals(c(3 * Math.exp(2)), Simplifier.replace(e, Z, c(2)), "folds once z is a number");
    }
}
