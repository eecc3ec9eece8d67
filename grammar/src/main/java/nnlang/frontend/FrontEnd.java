package nnlang.frontend;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nnlang.frontend.check.ProgramChecker;
import nnlang.frontend.parser.SourceParser;
import nnlang.model.Diagnostic;
import nnlang.model.SourcePos;

/**
 * The front end's entry point: source text to checked {@link nnlang.model.NetworkModel}s. The
 * pipeline is parse ({@link SourceParser}, for the file and each file it imports) then check
 * ({@link ProgramChecker}); checking a file is skipped when parsing it reported anything. Every
 * problem is a {@link Diagnostic} in the result, sorted by position; no input makes these methods
 * throw.
 */
public final class FrontEnd {

    private FrontEnd() {}

    /** Reads and checks a UTF-8 file, with trained parameters from beside their sources. */
    public static CheckResult check(Path file) {
        return check(file, CheckOptions.DEFAULT);
    }

    /** Reads and checks a UTF-8 file; an unreadable file is a diagnostic, not an exception. */
    public static CheckResult check(Path file, CheckOptions options) {
        String fileName = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return unreadable(fileName, "the file is not valid UTF-8 text");
        } catch (IOException | SecurityException e) {
            return unreadable(fileName, "cannot read the file: " + e.getMessage());
        }
        return checkFile(fileName, text, file.toAbsolutePath().normalize(), options);
    }

    /** Checks text; fileName is used in positions, baseDir resolves imports and data paths. */
    public static CheckResult check(String fileName, String text, Path baseDir) {
        return check(fileName, text, baseDir, CheckOptions.DEFAULT);
    }

    /** Checks text; fileName is used in positions, baseDir resolves imports and data paths. */
    public static CheckResult check(String fileName, String text, Path baseDir, CheckOptions options) {
        Path path;
        try {
            path = baseDir.toAbsolutePath().resolve(Path.of(fileName).getFileName()).normalize();
        } catch (InvalidPathException | NullPointerException e) {
            path = baseDir.toAbsolutePath().resolve("source.nn").normalize();
        }
        return checkFile(fileName, text, path, options);
    }

    /** Checks {@code text}, the contents of {@code path} (absolute), named {@code fileName} in messages. */
    private static CheckResult checkFile(String fileName, String text, Path path, CheckOptions options) {
        ProgramChecker.Result result;
        try {
            result = ProgramChecker.check(path, fileName, text, options);
        } catch (StackOverflowError e) {
            // The passes are recursive only in the nesting of formulas, which the parser limits; this
            // is the last line of defence, so that no input can make the front end throw.
            Diagnostic d = new Diagnostic("too-large", new SourcePos(fileName, 1, 1, 1),
                    "the file nests too deeply to be checked");
            return new CheckResult(fileName, List.of(), List.of(), List.of(d));
        }
        List<Diagnostic> diagnostics = result.diagnostics().stream()
                .sorted(Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().column()))
                .toList();
        return new CheckResult(fileName, result.lines(), diagnostics.isEmpty() ? result.networks() : List.of(),
                diagnostics, result.imports(), diagnostics.isEmpty() ? result.parameterFiles() : java.util.Map.of());
    }

    /**
     * The files {@code file} imports directly, absolute, in order, as far as it can be read and
     * parsed (nothing is checked; a file that cannot be read imports nothing). For ordering a build:
     * imported files first.
     */
    public static List<Path> imports(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Path folder = file.toAbsolutePath().normalize().getParent();
            return SourceParser.parse(file.toString(), text, new Reporter()).map(syntax -> syntax.imports().stream()
                    .map(i -> folder.resolve(i.path()).normalize()).toList()).orElse(List.of());
        } catch (IOException | SecurityException | InvalidPathException e) {
            return List.of();
        }
    }

    /**
     * The values of the constants of {@code text}, by scope: {@code ""} for the file's, else a
     * network's name for its own; empty when the text does not parse. For tools that show a
     * constant's value.
     */
    public static Map<String, Map<String, Double>> constants(String text) {
        return SourceParser.parse("constants", text, new Reporter()).map(ProgramChecker::constantValues)
                .orElse(Map.of());
    }

    private static CheckResult unreadable(String fileName, String message) {
        Diagnostic diagnostic = new Diagnostic("unreadable-file", new SourcePos(fileName, 1, 1, 0), message);
        return new CheckResult(fileName, List.of(), List.of(), List.of(diagnostic));
    }
}
