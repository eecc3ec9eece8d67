package nnlang.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import nnlang.frontend.FrontEnd;
import nnlang.lsp.Formatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang format FILE...}: rewrites each file in the canonical layout ({@link Formatter}) and
 * names the files it changed; with {@code --check}, changes nothing and names the files that are not
 * formatted. A file with syntax errors is left as it is and its errors are printed. Exit status 1 when
 * a file could not be formatted, or with {@code --check} when one is not formatted.
 */
@Command(name = "format", description = "Lay out .nn files in the canonical layout, in place.")
final class FormatCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .nn source files.")
    List<Path> files;

    @Option(names = "--check", description = "Change nothing; name each file that is not formatted and exit "
            + "with status 1 if there is one.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int failures = 0;
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println(file + ": error: cannot read the file: " + e.getMessage());
                failures++;
                continue;
            }
            Optional<String> formatted = Formatter.format(text);
            if (formatted.isEmpty()) {
                spec.commandLine().getErr().println(FrontEnd.check(file).formatDiagnostics());
                spec.commandLine().getErr().println(file + ": not formatted: it has syntax errors");
                failures++;
            } else if (!formatted.get().equals(text)) {
                if (check) {
                    spec.commandLine().getOut().println(file + ": not formatted");
                    failures++;
                } else {
                    failures += write(file, formatted.get()) ? 0 : 1;
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Writes beside the file, then renames over it, so that a failure leaves the file as it was. */
    private boolean write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".format-tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("formatted " + file);
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println(file + ": error: cannot write the file: " + e.getMessage());
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the temporary file is all that is left
            }
            return false;
        }
    }
}
