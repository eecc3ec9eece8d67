package nnlang.frontend.syntax;

import java.util.List;
import nnlang.model.SourcePos;

/**
 * One input of an {@code input} line: a scalar ({@code x1}, empty shape), a named vector
 * ({@code image[28 x 28]}, each dimension a number or a formula of constants) or an unnamed vector
 * ({@code 784}, which is named {@code input}).
 *
 * @param separators the words written between dimensions, which should each be {@code x}
 */
public record InputDecl(Name name, List<Formula> shape, List<Name> separators, SourcePos pos) {
    public InputDecl {
        shape = List.copyOf(shape);
        separators = List.copyOf(separators);
    }
}
