package nnlang.frontend.syntax;

import java.util.List;
import nnlang.model.SourcePos;

/**
 * An arithmetic expression as written, each part with its position: an activation's formula, or a
 * number computed from constants ({@code -2 * c}) wherever the language takes a number.
 */
public sealed interface Formula {
    SourcePos pos();

    /** The formula as it could be written, for messages: {@code 2 * k}, {@code (a + 1) / 2}. */
    default String text() {
        if (this instanceof Number n) {
            return n.value().text();
        }
        if (this instanceof Variable v) {
            return v.name().text();
        }
        if (this instanceof Call c) {
            return c.function().text() + "(" + String.join(", ", c.args().stream().map(Formula::text).toList()) + ")";
        }
        if (this instanceof Negate n) {
            return "-" + operand(n.operand());
        }
        Binary b = (Binary) this;
        return operand(b.left()) + " " + b.op() + " " + operand(b.right());
    }

    /** {@code f}'s text, in parentheses when it is itself an operation. */
    private static String operand(Formula f) {
        return f instanceof Binary || f instanceof Negate ? "(" + f.text() + ")" : f.text();
    }

    /** A number. */
    record Number(NumberLiteral value, SourcePos pos) implements Formula {}

    /** A name: an activation's parameter, or a constant. */
    record Variable(Name name, SourcePos pos) implements Formula {}

    /** {@code name(arg, ...)}: a function or an activation. */
    record Call(Name function, List<Formula> args, SourcePos pos) implements Formula {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code -operand}. */
    record Negate(Formula operand, SourcePos pos) implements Formula {}

    /** {@code left OP right} with OP one of {@code + - * / ^}. */
    record Binary(char op, Formula left, Formula right, SourcePos pos) implements Formula {}
}
