package nnlang.frontend;

import java.util.List;
import nnlang.model.Expression;
import nnlang.model.FormulaActivation;

/**
 * A formula activation and the derivative the front end derived for it, as text for people: the
 * lines {@code nnlang check --explain} prints and an editor's hover shows.
 */
public final class FormulaText {

    private FormulaText() {}

    /**
     * Two lines, the formula and its derivative, with their {@code =} aligned, e.g.
     * {@code softsign(z)  = z / (1 + abs(z))} and {@code softsign'(z) = ...}; when the derivative
     * reads the activation's value, the second line ends with {@code where a = softsign(z)}.
     */
    public static List<String> explain(FormulaActivation formula) {
        String call = formula.name() + "(z)";
        return List.of(call + "  = " + Expression.text(formula.forward(), "z"),
                formula.name() + "'(z) = " + Expression.text(formula.derivative(), "z")
                        + (formula.derivative().reads(Expression.A) ? "    where a = " + call : ""));
    }
}
