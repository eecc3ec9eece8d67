package nnlang.frontend;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import nnlang.frontend.check.NetworkChecker;
import nnlang.frontend.parser.SourceParser;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;

/**
 * The front end's entry point: source text to checked {@link NetworkModel}s. The pipeline is
 * parse ({@link SourceParser}) then check ({@link NetworkChecker}); checking is skipped when parsing
 * reported anything. Every problem is a {@link Diagnostic} in the result, sorted by position; no
 * input makes these methods throw.
 */
public final class FrontEnd {

    private FrontEnd() {}

    /** Reads and checks a UTF-8 file; an unreadable file is a diagnostic, not an exception. */
    public static CheckResult check(Path file) {
        String fileName = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return unreadable(fileName, "the file is not valid UTF-8 text");
        } catch (IOException | SecurityException e) {
            return unreadable(fileName, "cannot read the file: " + e.getMessage());
        }
        Path folder = file.toAbsolutePath().getParent();
        return check(fileName, text, folder == null ? Path.of("") : folder);
    }

    /** Checks text; fileName is used in positions, baseDir resolves data paths. */
    public static CheckResult check(String fileName, String text, Path baseDir) {
        Reporter reporter = new Reporter();
        List<NetworkSyntax> syntax = SourceParser.parse(fileName, text, reporter);
        List<NetworkModel> networks = reporter.hasErrors()
                ? List.of() : new NetworkChecker(fileName, baseDir, reporter).checkAll(syntax);
        List<Diagnostic> diagnostics = reporter.diagnostics().stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().column()))
                .toList();
        return new CheckResult(fileName, lines(text), diagnostics.isEmpty() ? networks : List.of(), diagnostics);
    }

    private static CheckResult unreadable(String fileName, String message) {
        Diagnostic diagnostic = new Diagnostic("unreadable-file", new SourcePos(fileName, 1, 1, 0), message);
        return new CheckResult(fileName, List.of(), List.of(), List.of(diagnostic));
    }

    /** Lines as the lexer counts them (split at \n), each without a trailing \r. */
    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n", -1)).map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .toList();
    }
}
