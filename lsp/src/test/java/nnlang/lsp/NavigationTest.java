package nnlang.lsp;

import static nnlang.lsp.LspSession.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Go to definition, find references and rename for inputs, neurons, layers, activations, a formula's
 * parameter, class labels and networks; names resolve within their network, also in files with
 * errors.
 */
class NavigationTest {
    private static final LspSession SESSION = new LspSession();

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @Test
    void aPartUsedByOthersLeadsToItsDeclarationAndBack() throws IOException {
        Path file = Path.of("../examples/half-adder/half-adder.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        Position declaration = position(text, "a     =", 0, 0);
        Location definition = SESSION.definition(uri, position(text, "a, x2")).get(0);
        assertEquals(uri, definition.getUri());
        assertEquals(declaration, definition.getRange().getStart());
        assertEquals(List.of(10, 11, 13, 13), lines(SESSION.references(uri, declaration, false)));
        assertEquals(List.of(9, 10, 11, 13, 13), lines(SESSION.references(uri, position(text, "a, a"), true)));
    }

    @Test
    void inputsLayersAndActivationsResolve() throws IOException {
        Path file = Path.of("../examples/xor/xor-softsign.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        assertEquals(List.of(6, 7), lines(SESSION.references(uri, position(text, "softsign)"), true)));
        assertEquals(position(text, "softsign(z)"), SESSION.definition(uri, position(text, "softsign)")).get(0)
                .getRange().getStart());
        assertEquals(List.of(position(text, "(z)", 0, 1), position(text, "z /"), position(text, "(z))", 0, 1)),
                SESSION.references(uri, position(text, "z /"), true).stream().map(l -> l.getRange().getStart()).toList(),
                "a formula's parameter");
        assertEquals(List.of(9), lines(SESSION.references(uri, position(text, "out\n"), false)), "output out");
    }

    @Test
    void namesResolveWithinTheirNetwork() throws IOException {
        Path file = Path.of("../examples/cheese/cheese.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        Position secondWeather = position(text, "Festival(weather", 0, 9);
        assertEquals(position(text, "weather, partner", 1, 0), SESSION.definition(uri, secondWeather).get(0).getRange().getStart());
        assertEquals(List.of(20), lines(SESSION.references(uri, secondWeather, false)));
        assertEquals(List.of(26), lines(SESSION.references(uri, position(text, "EagerCheese"), true)), "a network");
    }

    @Test
    void classLabelsAreDeclaredByTheOutputAndUsedByTheTable() {
        String text = "network N {\n    input 2\n    layer out = dense(2, softmax)\n    output out as class(cat, dog)\n"
                + "    train {\n        data table { [0, 1] -> cat\n [1, 0] -> dog }\n        cost cross_entropy\n"
                + "        optimizer sgd(rate: 1, batch: 1)\n        epochs 1\n        seed 1\n    }\n}\n";
        String uri = SESSION.open("file:///tmp/labels.nn", text);
        assertEquals(position(text, "dog)"), SESSION.definition(uri, position(text, "dog }")).get(0).getRange().getStart());
        assertTrue(SESSION.hoverText(uri, position(text, "cat\n")).contains("output element 0"));
    }

    @Test
    void aFileWithErrorsStillNavigates() throws IOException {
        Path file = Path.of("../grammar/src/test/resources/golden/syntax-recovery.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        assertEquals(position(text, "x1, x2"), SESSION.definition(uri, position(text, "x1: -2")).get(0).getRange().getStart());
        assertEquals(List.of(), SESSION.definition(uri, position(text, "sigmoid")), "a built-in has no declaration");
    }

    @Test
    void renameChangesTheDeclarationAndEveryUse() throws IOException {
        Path file = Path.of("../examples/xor/xor.nn");
        String text = Files.readString(file);
        String uri = SESSION.open(file);
        WorkspaceEdit edit = SESSION.rename(uri, position(text, "out\n"), "result");
        String renamed = LspSession.apply(text, edit.getChanges().get(uri));
        assertTrue(renamed.contains("layer result    = dense(1, sigmoid)\n    output result\n"), renamed);
        assertEquals(List.of(), nnlang.frontend.FrontEnd.check("xor.nn", renamed, Path.of(".")).diagnostics());
    }

    private static List<Integer> lines(List<? extends Location> locations) {
        return locations.stream().map(l -> l.getRange().getStart().getLine() + 1).toList();
    }
}
