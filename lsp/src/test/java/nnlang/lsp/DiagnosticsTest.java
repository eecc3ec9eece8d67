package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The front end's diagnostics reach the editor as it types: every golden case's expected
 * diagnostics with their ranges, codes and hints (the structure's, as {@code nnlang check} finds
 * them: whether a part's network has been trained is a build's business), none for the examples,
 * and after each change (debounced) the diagnostics of the text as changed.
 */
class DiagnosticsTest {
    private static final Pattern EXPECT =
            Pattern.compile("//\\s*expect-error(?:@([+-]\\d+))?:\\s*([a-z-]+)(?:\\s+col\\s+(\\d+))?");
    private static final LspSession SESSION = new LspSession();

    @AfterAll
    static void end() {
        assertEquals(0, SESSION.shutdown());
        assertEquals(List.of(), SESSION.errors());
    }

    static List<Path> goldenCases() throws IOException {
        return Sources.goldenCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nnlang.lsp.Sources#examples")
    void anExampleHasNoDiagnostics(Path file) {
        String uri = SESSION.open(file);
        assertEquals(List.of(), SESSION.diagnostics(uri));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void aGoldenCaseShowsItsDiagnosticsWhereTheFrontEndPutsThem(Path file) throws IOException {
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        List<Diagnostic> published = SESSION.diagnostics(uri);

        Set<String> expected = new TreeSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECT.matcher(lines.get(i));
            while (m.find()) {
                if (!m.group(2).equals("untrained-part")) { // a build's output, not the source's structure
                    expected.add(m.group(2) + " at line " + (i + 1 + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)))));
                }
            }
        }
        Set<String> actual = published.stream().map(d -> d.getCode().getLeft() + " at line " + (d.getRange().getStart().getLine() + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);

        CheckResult check = FrontEnd.check(file.getFileName().toString(), text, file.getParent(), CheckOptions.STRUCTURE);
        assertEquals(check.diagnostics().size(), published.size());
        for (int i = 0; i < published.size(); i++) {
            nnlang.model.Diagnostic d = check.diagnostics().get(i);
            Diagnostic p = published.get(i);
            assertEquals(DiagnosticSeverity.Error, p.getSeverity());
            assertEquals("nnlang", p.getSource());
            assertEquals(d.message(), p.getMessage());
            String line = d.pos().line() <= lines.size() ? lines.get(d.pos().line() - 1) : "";
            int start = Math.min(line.length(), d.pos().column() - 1);
            assertEquals(new Position(d.pos().line() - 1, start), p.getRange().getStart(), d.toString());
            assertEquals(Math.min(line.length(), start + d.pos().length()), p.getRange().getEnd().getCharacter());
            if (d.hint() != null) {
                assertEquals("hint: " + d.hint(), p.getRelatedInformation().get(0).getMessage());
                assertEquals(p.getRange(), p.getRelatedInformation().get(0).getLocation().getRange());
            }
        }
    }

    @Test
    void aHintShowsUnderItsDiagnostic() {
        String uri = SESSION.open("file:///tmp/typo.nn", "network T {\n    input x1, x2\n    neuron o = sigmoid(x1, x3)\n}\n");
        Diagnostic d = SESSION.diagnostics(uri).get(0);
        assertEquals("unknown-name", d.getCode().getLeft());
        assertEquals(new Range(new Position(2, 27), new Position(2, 29)), d.getRange());
        assertEquals("hint: did you mean x1?", d.getRelatedInformation().get(0).getMessage());
    }

    @Test
    void eachEditIsCheckedAsTyped() {
        String text = "network T {\n    input x1\n    neuron o = sigmoid(x1: 1, bias: 0)\n}\n";
        String uri = SESSION.open("file:///tmp/typing.nn", text);
        assertEquals(List.of(), SESSION.diagnostics(uri));
        // Type "2" after x1 in the neuron: x12 is unknown.
        String typo = text.replace("sigmoid(x1:", "sigmoid(x12:");
        SESSION.change(uri, typo, new TextDocumentContentChangeEvent(
                new Range(new Position(2, 25), new Position(2, 25)), "2"));
        assertEquals(List.of("unknown-name"), codes(SESSION.diagnostics(uri)));
        // Delete it again.
        SESSION.change(uri, text, new TextDocumentContentChangeEvent(new Range(new Position(2, 25), new Position(2, 26)), ""));
        assertEquals(List.of(), SESSION.diagnostics(uri));
        SESSION.close(uri);
    }

    @Test
    void changesInQuickSuccessionAreCheckedOnceTheyStop() {
        try (LspSession slow = new LspSession(1_000)) {
            String text = "network T {\n    input x1\n    neuron o = sigmoid(x1: 1, bias: 0)\n}\n";
            String uri = slow.open("file:///tmp/debounced.nn", text);
            assertEquals(List.of(), slow.diagnostics(uri));
            String typed = text;
            List<String> steps = new ArrayList<>();
            for (String word : List.of("n", "e", "u", "r")) {
                typed = typed.replace("}\n", "    " + word + "\n}\n").replace("    " + word + "\n    ", "    ");
                steps.add(typed);
            }
            int last = 0;
            for (String step : steps) {
                last = slow.change(uri, step);
            }
            assertEquals(List.of("syntax"), codes(slow.diagnostics(uri)).stream().distinct().toList());
            List<PublishDiagnosticsParams> all = slow.publications(uri);
            assertEquals(2, all.size(), "one publication when opened, one after the last change");
            assertEquals(last, all.get(1).getVersion());
            assertEquals(0, slow.shutdown());
        }
    }

    private static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.getCode().getLeft()).toList();
    }
}
