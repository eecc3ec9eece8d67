package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.OutputDecl;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.model.SourcePos;

/**
 * The output pass: builds the {@link Output} from the resolved output slices, with the class
 * labels of a classifier. Reports {@code bad-class-labels} (an empty range), {@code duplicate-name}
 * (a label twice) and {@code size-mismatch} (as many labels as output elements are needed).
 */
final class OutputBuilder {

    private OutputBuilder() {}

    /** The output, or empty when a problem was reported. */
    static Optional<Output> build(NetworkSyntax network, Wiring wiring, SourceMapping mapping, Reporter reporter) {
        List<Source> sources = mapping.toModel(wiring.output());
        int size = sources.stream().mapToInt(Source::length).sum();
        if (network.outputs().isEmpty()) {
            SourcePos pos = wiring.output().isEmpty() ? network.name().pos() : wiring.output().get(0).pos();
            return Optional.of(new Output(sources, Optional.empty(), pos));
        }
        OutputDecl decl = network.outputs().get(0);
        if (decl.classes().isEmpty()) {
            return Optional.of(new Output(sources, Optional.empty(), decl.pos()));
        }
        OutputDecl.ClassLabels labels = decl.classes().get();
        Optional<List<String>> classes = labels instanceof OutputDecl.ClassLabels.Range range
                ? rangeLabels(range, size, reporter)
                : namedLabels((OutputDecl.ClassLabels.Names) labels, size, reporter);
        return classes.map(c -> new Output(sources, Optional.of(c), decl.pos()));
    }

    /** "lo".."hi" in decimal, when the range is well formed and has {@code size} labels. */
    private static Optional<List<String>> rangeLabels(OutputDecl.ClassLabels.Range range, int size, Reporter reporter) {
        OptionalLong lo = Literals.integer(range.lo(), "a class label", reporter);
        OptionalLong hi = Literals.integer(range.hi(), "a class label", reporter);
        if (lo.isEmpty() || hi.isEmpty()) {
            return Optional.empty();
        }
        if (lo.getAsLong() > hi.getAsLong()) {
            reporter.error("bad-class-labels", range.pos(), "the class range " + lo.getAsLong() + ".." + hi.getAsLong()
                    + " is empty: it must go from the smaller label to the larger");
            return Optional.empty();
        }
        long count = hi.getAsLong() - lo.getAsLong() + 1;
        if (count <= 0 || count != size) {
            reporter.error("size-mismatch", range.pos(), "the class range " + lo.getAsLong() + ".." + hi.getAsLong()
                    + " has " + Long.toUnsignedString(count) + " labels, but the output has " + size + " elements");
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        for (long label = lo.getAsLong(); labels.size() < count; label++) {
            labels.add(Long.toString(label));
        }
        return Optional.of(labels);
    }

    private static Optional<List<String>> namedLabels(OutputDecl.ClassLabels.Names names, int size, Reporter reporter) {
        int before = reporter.count();
        Map<String, Name> seen = new HashMap<>();
        for (Name name : names.names()) {
            Name earlier = seen.putIfAbsent(name.text(), name);
            if (earlier != null) {
                reporter.error("duplicate-name", name.pos(), "class " + name.text() + " is already listed at column "
                        + earlier.pos().column());
            }
        }
        if (names.names().size() != size) {
            reporter.error("size-mismatch", names.pos(), names.names().size() + " class labels are given, but the "
                    + "output has " + size + " elements");
        }
        if (reporter.count() > before) {
            return Optional.empty();
        }
        return Optional.of(names.names().stream().map(Name::text).toList());
    }
}
