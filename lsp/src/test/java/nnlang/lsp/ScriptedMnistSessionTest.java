package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/**
 * What a person sees in an editor, as a script: the book's MNIST network opened, a typo typed into
 * it, then the diagnostics, the hover on {@code hidden}, the completion after {@code optimizer } and
 * inside {@code sgd(}, and the quick fix. The session is written to
 * {@code target/lsp-session-mnist.txt} as it goes.
 */
class ScriptedMnistSessionTest {
    private static final Path MNIST = Path.of("../examples/mnist/mnist.nn");

    @Test
    void aTypoInTheMnistNetworkAsAnEditorShowsIt() throws IOException {
        StringBuilder transcript = new StringBuilder();
        try (LspSession session = new LspSession()) {
            String text = Files.readString(MNIST);
            String uri = session.open(MNIST);
            transcript.append("open ").append(MNIST).append(": ").append(session.diagnostics(uri).size())
                    .append(" diagnostics\n");

            String typo = text.replace("layer digit  = dense(10, sigmoid)", "layer digit  = dense(10, sigmiod)");
            session.change(uri, typo);
            List<String> lines = typo.lines().toList();
            int digitLine = lines.indexOf("    layer digit  = dense(10, sigmiod)");
            transcript.append("\ntype a typo on line ").append(digitLine + 1).append(": ").append(lines.get(digitLine).strip())
                    .append("\n\ndiagnostics:\n");
            List<Diagnostic> diagnostics = session.diagnostics(uri);
            for (Diagnostic d : diagnostics) {
                transcript.append("  ").append(d.getRange().getStart().getLine() + 1).append(':')
                        .append(d.getRange().getStart().getCharacter() + 1).append('-')
                        .append(d.getRange().getEnd().getCharacter() + 1).append(' ').append(d.getSeverity())
                        .append(' ').append(d.getCode().getLeft()).append(": ").append(d.getMessage()).append('\n');
                d.getRelatedInformation().forEach(r -> transcript.append("    ").append(r.getMessage()).append('\n'));
            }

            int hiddenLine = lines.indexOf("    layer hidden = dense(30, sigmoid)");
            int hiddenColumn = lines.get(hiddenLine).indexOf("hidden") + 2;
            String hover = session.hoverText(uri, hiddenLine, hiddenColumn);
            transcript.append("\nhover on hidden (").append(hiddenLine + 1).append(':').append(hiddenColumn + 1)
                    .append("):\n").append(indent(hover)).append('\n');

            int optimizerLine = lines.indexOf("        optimizer sgd(rate: 3.0, batch: 10)");
            int afterOptimizer = lines.get(optimizerLine).indexOf("optimizer ") + "optimizer ".length();
            List<CompletionItem> afterKeyword = session.completion(uri, optimizerLine, afterOptimizer);
            transcript.append("\ncompletion after \"optimizer \" (").append(optimizerLine + 1).append(':')
                    .append(afterOptimizer + 1).append("):\n");
            afterKeyword.forEach(i -> transcript.append(item(i)));
            int insideSgd = lines.get(optimizerLine).indexOf("sgd(") + "sgd(".length();
            List<CompletionItem> arguments = session.completion(uri, optimizerLine, insideSgd);
            transcript.append("\ncompletion inside \"sgd(\" (").append(optimizerLine + 1).append(':')
                    .append(insideSgd + 1).append("), rate and batch already given:\n");
            arguments.forEach(i -> transcript.append(item(i)));

            Diagnostic typoDiagnostic = diagnostics.get(0);
            List<CodeAction> fixes = session.codeActions(uri, typoDiagnostic.getRange());
            transcript.append("\nquick fixes at the typo:\n");
            fixes.forEach(f -> transcript.append("  ").append(f.getTitle()).append(" (").append(f.getKind()).append(")\n"));
            List<TextEdit> edits = fixes.get(0).getEdit().getChanges().get(uri);
            String fixed = LspSession.apply(typo, edits);
            session.change(uri, fixed);
            transcript.append("\napply \"").append(fixes.get(0).getTitle()).append("\": ")
                    .append(session.diagnostics(uri).size()).append(" diagnostics\n");

            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/lsp-session-mnist.txt"), transcript);

            assertEquals(List.of("unknown-activation"), diagnostics.stream().map(d -> d.getCode().getLeft()).toList());
            assertEquals(new Range(new Position(digitLine, 29), new Position(digitLine, 36)), typoDiagnostic.getRange());
            assertEquals("hint: did you mean sigmoid?", typoDiagnostic.getRelatedInformation().get(0).getMessage());
            assertTrue(hover.contains("layer **hidden** · 30 sigmoid neurons · output shape [30] · 23,550 parameters "
                    + "(30 × 784 weights + 30 biases)"), hover);
            assertTrue(hover.contains("As of the last version of this file that checked"), hover);
            assertEquals(List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"),
                    afterKeyword.stream().map(CompletionItem::getLabel).toList());
            assertEquals(List.of("l2"), arguments.stream().map(CompletionItem::getLabel).toList());
            assertEquals("Change to sigmoid", fixes.get(0).getTitle());
            assertEquals(text, fixed);
            assertEquals(List.of(), session.diagnostics(uri));
            assertEquals(List.of(), session.errors());
        }
    }

    private static String item(CompletionItem i) {
        return "  " + i.getLabel() + "  [" + i.getKind() + "]  " + i.getDetail() + "\n"
                + (i.getDocumentation() == null ? "" : indent(i.getDocumentation().getRight().getValue()) + "\n");
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
