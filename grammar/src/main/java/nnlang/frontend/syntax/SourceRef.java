package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import nnlang.model.SourcePos;

/**
 * A reference to values a node, a part or the output reads: a whole input, neuron, layer or part
 * ({@code hidden}), something inside a part ({@code first.sum}, {@code adder.first.a}), or one
 * element of any of these ({@code hidden[3]}, 0-based).
 *
 * @param path the name and, through parts, the names after it, at least one
 */
public record SourceRef(List<Name> path, Optional<Formula> index, SourcePos pos) {
    public SourceRef {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a source needs a name");
        }
    }

    /** The first name, which the network itself declares. */
    public Name name() {
        return path.get(0);
    }

    /** The names joined by dots, as written: {@code first.sum}. */
    public String text() {
        return path.stream().map(Name::text).collect(Collectors.joining("."));
    }
}
