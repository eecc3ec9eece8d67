package nnlang.lsp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.frontend.parser.SourceParser;
import nnlang.lsp.SymbolIndex.Network;
import nnlang.lsp.SymbolIndex.Symbol;
import nnlang.model.NetworkModel;

/**
 * The files one document imports, as the editor has them: the text of an open file, else what is
 * on disk, read when a feature first asks and kept for the analysis's lifetime (the analysis is
 * made anew when an open file it depends on changes). Networks are looked up in the files the
 * document imports directly, in order, as the front end scopes them. Used on the analysis thread
 * only.
 */
final class ImportedFiles {

    /** One imported file: its URI and path, its text's tokens and index, and its checked networks once asked. */
    static final class File {
        final Path path;
        final String uri;
        final String text;
        final LineMap lines;
        final SymbolIndex index;
        private final Map<Path, String> open;
        private CheckResult check;

        private File(Path path, String text, Map<Path, String> open) {
            this.path = path;
            this.uri = path.toUri().toString();
            this.text = text;
            this.lines = new LineMap(text);
            this.index = new SymbolIndex(SourceParser.tokens(text));
            this.open = open;
        }

        /** The file's networks as the front end checks it (with the editor's texts of its imports); empty when it has errors. */
        List<NetworkModel> networks() {
            if (check == null) {
                check = FrontEnd.check(path.getFileName().toString(), text, path.getParent(),
                        CheckOptions.STRUCTURE.withSources(open));
            }
            return check.networks();
        }
    }

    /** A network declared in an imported file. */
    record ImportedNetwork(File file, Network network) {
        Symbol symbol() {
            return network.symbol;
        }
    }

    private final Path folder;
    private final List<SymbolIndex.Import> imports;
    private final Map<Path, String> open;
    private final Map<Path, Optional<File>> files = new HashMap<>();

    /**
     * The imports of a document in {@code folder} (null for a document that is not a file: it imports
     * nothing); {@code open} the texts the editor has open, by path.
     */
    ImportedFiles(Path folder, List<SymbolIndex.Import> imports, Map<Path, String> open) {
        this.folder = folder;
        this.imports = imports;
        this.open = open;
    }

    /** The file an import names, if it can be read. */
    Optional<File> file(SymbolIndex.Import i) {
        if (folder == null) {
            return Optional.empty();
        }
        try {
            return file(folder.resolve(i.path()).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The network named {@code name} of the first imported file that declares it. */
    Optional<ImportedNetwork> network(String name) {
        for (SymbolIndex.Import i : imports) {
            Optional<ImportedNetwork> found = file(i).flatMap(f -> f.index.network(name).filter(n -> n.symbol != null)
                    .map(n -> new ImportedNetwork(f, n)));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The networks of the files imported directly, in order, for completion. */
    List<ImportedNetwork> networks() {
        return imports.stream().flatMap(i -> file(i).stream())
                .flatMap(f -> f.index.networks().stream().filter(n -> n.symbol != null).map(n -> new ImportedNetwork(f, n)))
                .toList();
    }

    private Optional<File> file(Path path) {
        return files.computeIfAbsent(path, p -> {
            String text = open.get(p);
            if (text == null) {
                try {
                    if (!Files.isRegularFile(p)) {
                        return Optional.empty();
                    }
                    text = Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException | SecurityException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(new File(p, text, open));
        });
    }
}
