package nnlang.frontend.syntax;

import java.util.List;
import nnlang.model.SourcePos;

/** {@code activation NAME(PARAM) = FORMULA}: an activation defined by a formula of one variable. */
public record ActivationDecl(Name name, Name parameter, Formula body, SourcePos pos) {

    /** A formula as written, each part with its position. */
    public sealed interface Formula {
        SourcePos pos();

        /** A number. */
        record Number(NumberLiteral value, SourcePos pos) implements Formula {}

        /** A name standing for a variable. */
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
}
