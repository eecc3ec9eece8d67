package nnlang.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.frontend.parser.SourceParser;
import nnlang.frontend.syntax.SourceToken;
import nnlang.model.NetworkModel;

/**
 * What the server knows about one version of one document: the front end's check of its text (its
 * structure, as {@code nnlang check} checks it: the trained parameters of parts are a build's
 * business; with the editor's texts of the files it imports), its tokens, the declarations and uses found in them,
 * the files it imports, and the networks of the last version that checked without errors (for the
 * facts a hover shows while the file is being edited). Every feature reads one analysis.
 *
 * @param lastGood     the networks of this version when it checked, else those of the latest earlier
 *                     version that did (empty if none did)
 * @param dependencies every file the check read besides this one, with the editor's text it read
 *                     (null for a file read from disk): the analysis is out of date once the editor's
 *                     texts of these files differ
 */
record Analysis(String uri, int version, String text, LineMap lines, CheckResult check, List<SourceToken> tokens,
                SymbolIndex index, List<NetworkModel> lastGood, Map<Path, String> dependencies, ImportedFiles imported) {

    /**
     * Checks {@code text}; {@code previous} (may be null) is the analysis of an earlier version,
     * {@code open} the texts the editor has open, by path, read instead of those files.
     */
    static Analysis of(String uri, int version, String text, Analysis previous, Map<Path, String> open) {
        Path path = path(uri);
        Map<Path, String> sources = new HashMap<>(open);
        if (path != null) {
            sources.remove(path);
        }
        CheckResult check = FrontEnd.check(fileName(uri), text, folder(uri), CheckOptions.STRUCTURE.withSources(sources));
        List<SourceToken> tokens = SourceParser.tokens(text);
        List<NetworkModel> lastGood = !check.networks().isEmpty() ? check.networks()
                : previous == null ? List.of() : previous.lastGood();
        Map<Path, String> dependencies = new HashMap<>();
        check.imports().forEach(p -> dependencies.put(p, sources.get(p)));
        SymbolIndex index = new SymbolIndex(tokens);
        ImportedFiles imported = new ImportedFiles(path == null ? null : folder(uri), index.imports(), Map.copyOf(sources));
        return new Analysis(uri, version, text, new LineMap(text), check, tokens, index, lastGood,
                Collections.unmodifiableMap(dependencies), imported);
    }

    /** Whether the editor's texts of the files this analysis read differ from those it read. */
    boolean outdatedBy(Map<Path, String> open) {
        return dependencies.entrySet().stream().anyMatch(d -> d.getValue() != open.get(d.getKey()));
    }

    /** The file a URI names, absolute and normalised, or null for a URI that is no file. */
    static Path path(String uri) {
        try {
            return Path.of(URI.create(uri)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
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
