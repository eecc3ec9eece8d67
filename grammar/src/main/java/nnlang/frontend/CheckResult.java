package nnlang.frontend;

import java.util.List;
import java.util.stream.Collectors;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;

/**
 * What checking one file produced: either its networks, or (when anything is wrong) no networks
 * and every problem found.
 *
 * @param fileName    the file as the user named it, as it appears in positions
 * @param sourceLines the file's lines without line terminators, for formatting diagnostics
 * @param networks    the checked networks in source order; empty when there are diagnostics
 */
public record CheckResult(String fileName, List<String> sourceLines,
                          List<NetworkModel> networks, List<Diagnostic> diagnostics) {

    public CheckResult {
        sourceLines = List.copyOf(sourceLines);
        networks = List.copyOf(networks);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return !diagnostics.isEmpty();
    }

    /** All diagnostics formatted with {@link Diagnostic#format(List)}, joined by newlines. */
    public String formatDiagnostics() {
        return diagnostics.stream().map(d -> d.format(sourceLines)).collect(Collectors.joining("\n"));
    }
}
