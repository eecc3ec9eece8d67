package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The editor's "format document": its edits turn the text into the canonical layout, touch only the
 * lines that change, and a formatted file or one with syntax errors gets none.
 */
class FormattingTest {
    private static final LspSession SESSION = new LspSession();

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nnlang.lsp.Sources#examplesAndGoldenCases")
    void theEditsGiveTheCanonicalLayout(Path file) throws IOException {
        String text = Files.readString(file);
        String messy = text.replace("    ", "  ").replace(", ", ",");
        String uri = SESSION.open(LspSession.uri(file).replace(".nn", "-messy.nn"), messy);
        List<? extends TextEdit> edits = SESSION.formatting(uri);
        var expected = Formatter.format(messy);
        if (expected.isEmpty()) {
            assertEquals(List.of(), edits, "a file with syntax errors is left alone");
        } else {
            assertEquals(expected.get(), LspSession.apply(messy, edits));
        }
    }

    @Test
    void aFormattedFileGetsNoEdits() {
        assertEquals(List.of(), SESSION.formatting(SESSION.open(Path.of("../examples/mnist/mnist.nn"))));
    }

    @Test
    void onlyTheLinesThatChangeAreEdited() throws IOException {
        String text = Files.readString(Path.of("../examples/xor/xor.nn"));
        String messy = text.replace("optimizer sgd(rate: 2.0, batch: 4)", "optimizer sgd( rate:2.0,batch:4 )");
        List<? extends TextEdit> edits = SESSION.formatting(SESSION.open("file:///tmp/one-line.nn", messy));
        assertEquals(1, edits.size());
        assertEquals(edits.get(0).getRange().getStart().getLine() + 1, edits.get(0).getRange().getEnd().getLine());
        assertTrue(edits.get(0).getNewText().equals("        optimizer sgd(rate: 2.0, batch: 4)\n"), edits.get(0).getNewText());
        assertEquals(text, LspSession.apply(messy, edits));
    }
}
