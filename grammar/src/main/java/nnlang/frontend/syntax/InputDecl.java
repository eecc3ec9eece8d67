package nnlang.frontend.syntax;

import java.util.List;
import nnlang.model.SourcePos;

/**
 * One input of an {@code input} line: a scalar ({@code x1}, empty shape), a named vector
 * ({@code image[28 x 28]}) or an unnamed vector ({@code 784}, which is named {@code input}).
 */
public record InputDecl(Name name, List<NumberLiteral> shape, SourcePos pos) {
    public InputDecl {
        shape = List.copyOf(shape);
    }
}
