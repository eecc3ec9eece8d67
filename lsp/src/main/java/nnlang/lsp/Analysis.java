package nnlang.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.frontend.parser.SourceParser;
import nnlang.frontend.syntax.SourceToken;
import nnlang.model.NetworkModel;

/**
 * What the server knows about one version of one document: the front end's check of its text, its
 * tokens, the declarations and uses found in them, and the networks of the last version that
 * checked without errors (for the facts a hover shows while the file is being edited). Immutable;
 * every feature reads one analysis.
 *
 * @param lastGood the networks of this version when it checked, else those of the latest earlier
 *                 version that did (empty if none did)
 */
record Analysis(String uri, int version, String text, LineMap lines, CheckResult check, List<SourceToken> tokens,
                SymbolIndex index, List<NetworkModel> lastGood) {

    /** Checks {@code text}; {@code previous} (may be null) is the analysis of an earlier version. */
    static Analysis of(String uri, int version, String text, Analysis previous) {
        CheckResult check = FrontEnd.check(fileName(uri), text, folder(uri));
        List<SourceToken> tokens = SourceParser.tokens(text);
        List<NetworkModel> lastGood = !check.networks().isEmpty() ? check.networks()
                : previous == null ? List.of() : previous.lastGood();
        return new Analysis(uri, version, text, new LineMap(text), check, tokens, new SymbolIndex(tokens), lastGood);
    }

    /** Whether the networks hovers read are this version's own, not an earlier one's. */
    boolean checked() {
        return !check.networks().isEmpty();
    }

    /** The statement's text as written, without comments and with single spaces. */
    String text(SymbolIndex.Statement statement) {
        return index.text(statement.first(), statement.last());
    }

    /** The last path segment of a file URI, as diagnostics name the file. */
    private static String fileName(String uri) {
        try {
            Path path = Path.of(URI.create(uri));
            return path.getFileName() == null ? uri : path.getFileName().toString();
        } catch (RuntimeException e) {
            int slash = uri.lastIndexOf('/');
            return slash >= 0 && slash < uri.length() - 1 ? uri.substring(slash + 1) : uri;
        }
    }

    /** The folder data paths resolve against: the file's own, or the working directory for other URIs. */
    private static Path folder(String uri) {
        try {
            Path parent = Path.of(URI.create(uri)).getParent();
            return parent == null ? Path.of("") : parent;
        } catch (RuntimeException e) {
            return Path.of("");
        }
    }
}
