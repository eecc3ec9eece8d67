package nnlang.model;

import static nnlang.model.Expression.A;
import static nnlang.model.Expression.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnlang.model.Expression.Op;
import nnlang.testing.Formulas;
import org.junit.jupiter.api.Test;

/** The straight-line order of a formula: distinct subexpressions once, post-order, left to right. */
class ProgramTest {

    @Test
    void equalSubexpressionsAreOneStepInPostOrder() {
        // σ(z) · (1 - σ(z)): σ is computed once, before the constant 1 it is subtracted from
        Expression s = Expression.apply(Op.SIGMOID, Z);
        Program p = Program.of(Expression.apply(Op.MUL, s, Expression.apply(Op.SUB, Expression.constant(1.0), s)));
        assertEquals(List.of(
                new Program.Step(Op.SIGMOID, 0.0, List.of(Program.Z)),
                new Program.Step(null, 1.0, List.of()),
                new Program.Step(Op.SUB, 0.0, List.of(3, 2)),
                new Program.Step(Op.MUL, 0.0, List.of(2, 4))), p.steps());
        assertEquals(5, p.result());
        assertEquals(0.25, p.evaluate(0.0, Double.NaN));
    }

    @Test
    void aFormulaThatIsJustZOrAHasNoSteps() {
        assertEquals(new Program(List.of(), Program.Z), Program.of(Z));
        assertEquals(new Program(List.of(), Program.A), Program.of(A));
        assertTrue(Program.of(A).reads(Program.A));
        assertFalse(Program.of(A).reads(Program.Z));
    }

    @Test
    void everyOperationEvaluatesAsItsJavaExpression() {
        double x = -0.7;
        double y = 2.5;
        assertEquals(1.0 / (1.0 + Math.exp(-x)), Op.SIGMOID.apply(x));
        assertEquals(Math.pow(y, x), Op.POW.apply(y, x));
        assertEquals(0.0, Op.RELU.apply(x));
        assertEquals(1.0, Op.STEP.apply(y));
        assertEquals(-1.0, Op.SIGN.apply(x));
        assertEquals(y, Op.IF_GREATER.apply(x, -1.0, y, x));
        assertEquals(x, Op.IF_GREATER.apply(Double.NaN, -1.0, y, x), "NaN is not greater: the else branch");
        assertEquals(Math.min(x, y), Op.MIN.apply(x, y));
        assertEquals(Math.max(-0.0, 0.0), Op.MAX.apply(-0.0, 0.0));
    }

    @Test
    void theTestFormulasUseEveryOperation() {
        for (Op op : Op.values()) {
            assertTrue(Formulas.ALL.stream().anyMatch(f -> f.forward().uses(op) || f.derivative().uses(op)),
                    op + " is used by a test formula");
        }
    }

    @Test
    void aFormulaActivationEvaluatesItsPrograms() {
        FormulaActivation swish = Formulas.SWISH;
        double z = 0.8;
        double s = 1.0 / (1.0 + Math.exp(-z));
        assertEquals(z * s, swish.apply(z));
        assertEquals(s + z * (s * (1.0 - s)), swish.derivative(z, swish.apply(z)));
        assertTrue(swish.isElementwise());
        assertTrue(swish.isDifferentiable());
        assertFalse(Formulas.KINKED.isDifferentiable(), "it uses step");
    }
}
