package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import nnlang.model.SourcePos;

/** {@code output SRC, ...} with optional class labels {@code as class(...)}. */
public record OutputDecl(List<SourceRef> sources, Optional<ClassLabels> classes, SourcePos pos) {
    public OutputDecl {
        sources = List.copyOf(sources);
    }

    /** The labels of a classifier's output elements. */
    public sealed interface ClassLabels {

        SourcePos pos();

        /** {@code lo..hi}, inclusive: the labels are the integers written in decimal. */
        record Range(NumberLiteral lo, NumberLiteral hi, SourcePos pos) implements ClassLabels {}

        /** {@code cat, dog, bird}. */
        record Names(List<Name> names, SourcePos pos) implements ClassLabels {
            public Names {
                names = List.copyOf(names);
            }
        }
    }
}
