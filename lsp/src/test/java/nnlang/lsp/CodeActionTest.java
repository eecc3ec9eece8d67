package nnlang.lsp;

import static nnlang.lsp.LspSession.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nnlang.frontend.FrontEnd;
import nnlang.model.Diagnostic;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A quick fix for each diagnostic with one fix, on the golden files: applying it makes that
 * diagnostic go away. And the rewrite of a bias as a threshold and back, which changes nothing.
 */
class CodeActionTest {
    private static final LspSession SESSION = new LspSession();
    private static final Path GOLDEN = Sources.GOLDEN;

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @Test
    void didYouMeanNamesAreOneClickAway() throws IOException {
        assertFix("unknown-name.nn", "x3", "Change to x1", "x1: -2, x1: -2");
        assertFix("unknown-settings.nn", "quadratik", "Change to quadratic", "cost quadratic ");
        assertFix("unknown-activation.nn", firstWord("unknown-activation.nn", "unknown-activation"), null, null);
    }

    @Test
    void aSecondBiasIsRemoved() throws IOException {
        assertFix("duplicate-bias.nn", "threshold: 2", "Remove the second threshold", "perceptron(x1: 1, bias: 1)");
    }

    @Test
    void aMissingTrainSettingIsAddedAsItsHintWritesIt() throws IOException {
        String text = Files.readString(GOLDEN.resolve("missing-train-setting.nn"));
        String uri = SESSION.open(GOLDEN.resolve("missing-train-setting.nn"));
        List<CodeAction> actions = SESSION.codeActions(uri, new Range(position(text, "train"), position(text, "train")));
        assertEquals(List.of("Add epochs 30", "Add seed 1"), actions.stream().map(CodeAction::getTitle).toList());
        String fixed = LspSession.apply(text, actions.get(0).getEdit().getChanges().get(uri));
        fixed = LspSession.apply(fixed, SESSION.codeActions(SESSION.open("file:///tmp/fixed-once.nn", fixed),
                new Range(position(fixed, "train"), position(fixed, "train"))).get(0).getEdit().getChanges()
                .get("file:///tmp/fixed-once.nn"));
        assertTrue(fixed.contains("        optimizer sgd(rate: 1, batch: 1)\n        epochs 30\n        seed 1\n    }"), fixed);
        assertEquals(List.of(), codes(fixed));
    }

    @Test
    void aMissingArgumentIsAddedFromTheHint() throws IOException {
        String text = "network N {\n    input 1\n    layer o = dense(1, sigmoid)\n    train {\n        data table { [0] -> [1] }\n"
                + "        cost quadratic\n        optimizer sgd(batch: 1)\n        schedule step()\n        epochs 1\n"
                + "        seed 1\n    }\n}\n";
        String uri = SESSION.open("file:///tmp/arguments.nn", text);
        List<CodeAction> sgd = SESSION.codeActions(uri, new Range(position(text, "optimizer"), position(text, "optimizer")));
        assertEquals(List.of("Add rate: 3.0"), sgd.stream().map(CodeAction::getTitle).toList());
        List<CodeAction> step = SESSION.codeActions(uri, new Range(position(text, "step()"), position(text, "step()")));
        assertEquals(List.of("Add every: 10, factor: 0.5"), step.stream().map(CodeAction::getTitle).toList());
        String fixed = LspSession.apply(LspSession.apply(text, step.get(0).getEdit().getChanges().get(uri)),
                sgd.get(0).getEdit().getChanges().get(uri));
        assertTrue(fixed.contains("sgd(batch: 1, rate: 3.0)") && fixed.contains("step(every: 10, factor: 0.5)"), fixed);
        assertEquals(List.of(), codes(fixed));
    }

    @Test
    void anIndexOnAScalarIsRemoved() throws IOException {
        assertFix("not-indexable.nn", firstWord("not-indexable.nn", "not-indexable"), "Remove the index", null);
    }

    @Test
    void aBiasReadsAsAThresholdAndBackWithTheSameMeaning() throws IOException {
        Path nand = Path.of("../examples/nand/nand.nn");
        String text = Files.readString(nand);
        String uri = SESSION.open(nand);
        Position bias = position(text, "bias: 3");
        List<CodeAction> actions = SESSION.codeActions(uri, new Range(bias, bias));
        assertEquals(List.of("Write as threshold: -3"), actions.stream().map(CodeAction::getTitle).toList());
        assertEquals(CodeActionKind.RefactorRewrite, actions.get(0).getKind());
        String threshold = LspSession.apply(text, actions.get(0).getEdit().getChanges().get(uri));
        assertEquals(model(text), model(threshold));
        String back = LspSession.apply(threshold, SESSION.codeActions(SESSION.open("file:///tmp/threshold.nn", threshold),
                new Range(position(threshold, "threshold"), position(threshold, "threshold"))).get(0).getEdit()
                .getChanges().get("file:///tmp/threshold.nn"));
        assertEquals(text, back);
        assertEquals("0", CodeActions.negate("0.0"));
        assertEquals("-1e-3", CodeActions.negate("1e-3"));
    }

    /**
     * Asks for the actions at the first occurrence of {@code at} in a golden file; the first one, titled
     * {@code title} unless null, removes the diagnostic there and leaves {@code expected} in the text.
     */
    private static void assertFix(String golden, String at, String title, String expected) throws IOException {
        String text = Files.readString(GOLDEN.resolve(golden));
        String uri = SESSION.open(GOLDEN.resolve(golden));
        Position p = position(text, at);
        List<CodeAction> actions = SESSION.codeActions(uri, new Range(p, p));
        CodeAction action = actions.get(0);
        if (title != null) {
            assertEquals(title, action.getTitle());
        }
        assertEquals(CodeActionKind.QuickFix, action.getKind());
        String code = action.getDiagnostics().get(0).getCode().getLeft();
        String fixed = LspSession.apply(text, action.getEdit().getChanges().get(uri));
        if (expected != null) {
            assertTrue(fixed.contains(expected), fixed);
        }
        long before = codes(text).stream().filter(code::equals).count();
        long after = codes(fixed).stream().filter(code::equals).count();
        assertEquals(before - 1, after, code + " is fixed:\n" + fixed);
    }

    /** The first word of the line that expects {@code code}: where the diagnostic is, roughly. */
    private static String firstWord(String golden, String code) throws IOException {
        List<Diagnostic> diagnostics = FrontEnd.check(GOLDEN.resolve(golden)).diagnostics();
        Diagnostic d = diagnostics.stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
        String line = Files.readAllLines(GOLDEN.resolve(golden)).get(d.pos().line() - 1);
        return line.substring(d.pos().column() - 1, d.pos().column() - 1 + d.pos().length());
    }

    private static List<String> codes(String text) {
        return FrontEnd.check("fixed.nn", text, Path.of(".")).diagnostics().stream().map(Diagnostic::code).toList();
    }

    private static String model(String text) {
        return FrontEnd.check("m.nn", text, Path.of(".")).networks().toString().replaceAll("pos=[^,\\]]*", "pos");
    }
}
