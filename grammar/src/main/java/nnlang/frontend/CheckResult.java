package nnlang.frontend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;

/**
 * What checking one file produced: either its networks, or (when anything is wrong) no networks
 * and every problem found.
 *
 * @param fileName       the file as the user named it, as it appears in positions
 * @param sourceLines    the file's lines without line terminators, for formatting diagnostics
 * @param networks       the checked networks in source order; empty when there are diagnostics
 * @param imports        every file the check read besides this one (its imports, theirs, ...),
 *                       absolute: the result depends on them
 * @param parameterFiles per network of {@link #networks}, the trained parameter files whose values its
 *                       model holds (those of the trained networks it uses as parts), absolute
 */
public record CheckResult(String fileName, List<String> sourceLines, List<NetworkModel> networks,
                          List<Diagnostic> diagnostics, List<Path> imports, Map<String, List<Path>> parameterFiles) {

    public CheckResult {
        sourceLines = List.copyOf(sourceLines);
        networks = List.copyOf(networks);
        diagnostics = List.copyOf(diagnostics);
        imports = List.copyOf(imports);
        parameterFiles = Map.copyOf(parameterFiles);
    }

    /** A result that depends on nothing but the file itself. */
    public CheckResult(String fileName, List<String> sourceLines, List<NetworkModel> networks,
                       List<Diagnostic> diagnostics) {
        this(fileName, sourceLines, networks, diagnostics, List.of(), Map.of());
    }

    public boolean hasErrors() {
        return !diagnostics.isEmpty();
    }

    /** Every file the result depends on besides the source: its imports and the parameter files read. */
    public List<Path> dependencies() {
        return java.util.stream.Stream.concat(imports.stream(), parameterFiles.values().stream().flatMap(List::stream))
                .distinct().toList();
    }

    /** All diagnostics formatted with {@link Diagnostic#format(List)}, joined by newlines. */
    public String formatDiagnostics() {
        return diagnostics.stream().map(d -> d.format(sourceLines)).collect(Collectors.joining("\n"));
    }
}
