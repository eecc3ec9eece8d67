package nnlang.model;

import java.util.List;
import java.util.Optional;

/**
 * The network's output vector: the concatenation of {@code sources}. With {@code classes}, the
 * output is a classifier: its predicted class is the index of the largest element (argmax), and
 * accuracy counts samples whose argmax matches the target's. Without it, a sample is right when
 * every output is within 0.5 of its target.
 */
public record Output(List<Source> sources, Optional<List<String>> classes, SourcePos pos) {
    public Output {
        sources = List.copyOf(sources);
        classes = classes.map(List::copyOf);
    }

    public int size() {
        return sources.stream().mapToInt(Source::length).sum();
    }

    public boolean isClassifier() {
        return classes.isPresent();
    }
}
