package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import nnlang.model.SourcePos;

/**
 * {@code output SRC, ...} with optional class labels {@code as class(...)}; an item may be named,
 * {@code sum: second.sum}, so that a network using this one as a part can read it by that name.
 */
public record OutputDecl(List<Item> items, Optional<ClassLabels> classes, SourcePos pos) {
    public OutputDecl {
        items = List.copyOf(items);
    }

    /** One source of the output, with the name it is given, if any. */
    public record Item(Optional<Name> name, SourceRef source) {}

    /** The items' sources, in order. */
    public List<SourceRef> sources() {
        return items.stream().map(Item::source).toList();
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
