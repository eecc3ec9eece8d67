package nnlang.frontend.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.FileSyntax;
import nnlang.frontend.syntax.ImportDecl;

/**
 * One {@code .nn} file of a check, the file checked or one it imports: its text, its syntax (when it
 * parsed), its imports resolved to files, and its own diagnostics.
 */
final class SourceFile {
    /** An import line and the file it names, or null when that file could not be used. */
    record Import(ImportDecl decl, SourceFile target) {}

    /** The file, absolute and normalised. */
    final Path path;
    /** The file as messages name it. */
    final String name;
    final List<String> lines;
    final Reporter reporter = new Reporter();
    final List<Import> imports = new ArrayList<>();
    /** The syntax, or null when the file did not parse. */
    FileSyntax syntax;
    /** The file's constants, once folded. */
    Constants constants;

    SourceFile(Path path, String name, String text) {
        this.path = path;
        this.name = name;
        this.lines = lines(text);
    }

    /** The folder imports and data paths are resolved against. */
    Path folder() {
        Path parent = path.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** Lines as the lexer counts them (split at \n), each without a trailing \r. */
    static List<String> lines(String text) {
        return Arrays.stream(text.split("\n", -1)).map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .toList();
    }
}
