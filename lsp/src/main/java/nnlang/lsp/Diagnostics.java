package nnlang.lsp;

import java.util.List;
import nnlang.model.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;

/**
 * The front end's diagnostics as the protocol's: the same range, code and message, severity error,
 * source {@code nnlang}; a hint becomes related information at the same place, which editors show
 * under the message.
 */
final class Diagnostics {
    static final String SOURCE = "nnlang";

    private Diagnostics() {}

    static List<org.eclipse.lsp4j.Diagnostic> of(Analysis a) {
        return a.check().diagnostics().stream().map(d -> convert(a, d)).toList();
    }

    static org.eclipse.lsp4j.Diagnostic convert(Analysis a, Diagnostic d) {
        Range range = a.lines().range(d.pos());
        org.eclipse.lsp4j.Diagnostic out = new org.eclipse.lsp4j.Diagnostic(range, d.message(),
                DiagnosticSeverity.Error, SOURCE, d.code());
        if (d.hint() != null) {
            out.setRelatedInformation(List.of(new DiagnosticRelatedInformation(new Location(a.uri(), range),
                    "hint: " + d.hint())));
        }
        return out;
    }
}
