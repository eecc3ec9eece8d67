package nnlang.frontend.check;

import static nnlang.model.Expression.Z;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnlang.frontend.Reporter;
import nnlang.model.Diagnostic;
import nnlang.model.Expression;
import nnlang.model.Expression.Op;
import nnlang.model.FormulaActivation;
import nnlang.model.SourcePos;
import org.junit.jupiter.api.Test;

/** The numeric check of derived derivatives fires on a wrong one, and only then. */
class DerivativeCheckTest {
    private static final SourcePos AT = new SourcePos("f.nn", 3, 16, 8);

    private static Expression c(double v) {
        return Expression.constant(v);
    }

    private static FormulaActivation formula(Expression forward, Expression derivative) {
        return new FormulaActivation("softsign", forward, derivative, AT);
    }

    private static final Expression ONE_PLUS_ABS = Expression.apply(Op.ADD, c(1), Expression.apply(Op.ABS, Z));
    private static final Expression SOFTSIGN = Expression.apply(Op.DIV, Z, ONE_PLUS_ABS);

    @Test
    void aDeliberatelyWrongDerivativeIsReportedAtTheDefinition() {
        // softsign' is 1 / (1 + |z|)², not 1 / (1 + |z|)
        FormulaActivation wrong = formula(SOFTSIGN, Expression.apply(Op.DIV, c(1), ONE_PLUS_ABS));
        Reporter reporter = new Reporter();
        DerivativeCheck.report(wrong, reporter);
        List<Diagnostic> problems = reporter.diagnostics();
        assertEquals(1, problems.size());
        assertEquals("derivative-check", problems.get(0).code());
        assertEquals(AT, problems.get(0).pos());
    }

    @Test
    void aSlightlyWrongDerivativeIsCaughtToo() {
        Expression right = Expression.apply(Op.DIV, c(1), Expression.apply(Op.MUL, ONE_PLUS_ABS, ONE_PLUS_ABS));
        assertTrue(DerivativeCheck.check(formula(SOFTSIGN, right)).isEmpty());
        Expression offByAMillionth = Expression.apply(Op.MUL, right, c(1 + 1e-5));
        assertTrue(DerivativeCheck.check(formula(SOFTSIGN, offByAMillionth)).isPresent());
    }

    @Test
    void kinksAndPointsOutsideTheDomainAreSkipped() {
        // |z - 0.26| has a kink at one of the points; log(z) is NaN left of 0
        Expression shifted = Expression.apply(Op.SUB, Z, c(0.26));
        FormulaActivation kink = formula(Expression.apply(Op.ABS, shifted), Expression.apply(Op.SIGN, shifted));
        assertTrue(DerivativeCheck.check(kink).isEmpty());
        FormulaActivation log = formula(Expression.apply(Op.LOG, Z), Expression.apply(Op.DIV, c(1), Z));
        assertTrue(DerivativeCheck.check(log).isEmpty());
        FormulaActivation wrongLog = formula(Expression.apply(Op.LOG, Z), Expression.apply(Op.DIV, c(2), Z));
        assertTrue(DerivativeCheck.check(wrongLog).isPresent(), "the points right of 0 still count");
    }
}
