package nnlang.lsp;

import static nnlang.lsp.LspSession.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks made of networks in the editor: a part's network, an import's path and a constant lead
 * to their declarations, also in an imported file; hovers show a part and a constant's value;
 * completion offers networks where a part names one and constants where a number goes; a file is
 * checked with the editor's texts of the files it imports, and checked again when they change.
 */
class CompositionTest {
    private static final LspSession SESSION = new LspSession();
    private static final Path HALF_ADDER = Path.of("../examples/half-adder/half-adder.nn");
    private static final Path ADDER = Path.of("../examples/adder/adder.nn");
    private static final Path NAND = Path.of("../examples/nand/nand.nn");
    private static final Path CHEESE = Path.of("../examples/cheese/cheese.nn");

    @TempDir
    Path dir;

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @Test
    void aPartsNetworkLeadsToItsDeclarationInTheFileOrAcrossAnImport() throws IOException {
        String adder = Files.readString(ADDER);
        String uri = SESSION.open(ADDER);
        Location or = SESSION.definition(uri, position(adder, "Or(first")).get(0);
        assertEquals(uri, or.getUri());
        assertEquals(position(adder, "Or {"), or.getRange().getStart());
        Location halfAdder = SESSION.definition(uri, position(adder, "HalfAdder(x, y)")).get(0);
        assertEquals(LspSession.uri(HALF_ADDER), halfAdder.getUri());
        assertEquals(position(Files.readString(HALF_ADDER), "HalfAdder {"), halfAdder.getRange().getStart());
        List<String> references = SESSION.references(uri, position(adder, "HalfAdder(first"), true).stream()
                .map(l -> Path.of(java.net.URI.create(l.getUri())).getFileName() + ":" + (l.getRange().getStart().getLine() + 1))
                .toList();
        assertEquals(List.of("half-adder.nn:7", "adder.nn:21", "adder.nn:22"), references);
        assertEquals(List.of(), SESSION.definition(uri, position(adder, "Nand(x, x)")).stream()
                .filter(l -> !l.getUri().equals(LspSession.uri(NAND))).toList(), "Nand is in nand.nn");
    }

    @Test
    void anImportsPathLeadsToTheFile() throws IOException {
        String adder = Files.readString(ADDER);
        String uri = SESSION.open(ADDER);
        Location file = SESSION.definition(uri, position(adder, "half-adder.nn\"")).get(0);
        assertEquals(LspSession.uri(HALF_ADDER), file.getUri());
        assertEquals(new Position(0, 0), file.getRange().getStart());
        String hover = SESSION.hoverText(uri, position(adder, "half-adder.nn\""));
        assertTrue(hover.contains("half-adder.nn`: networks HalfAdder."), hover);
        String missing = SESSION.open("file:///tmp/missing-import.nn", "import \"nowhere.nn\"\nnetwork N { input x }\n");
        assertEquals(List.of(), SESSION.definition(missing, new Position(0, 10)), "no such file");
        assertTrue(SESSION.hoverText(missing, 0, 10).contains("There is no file `nowhere.nn`"));
    }

    @Test
    void constantsLeadToTheirDeclarationInTheNetworkTheFileOrThePartsNetwork() throws IOException {
        String cheese = Files.readString(CHEESE);
        String uri = SESSION.open(CHEESE);
        assertEquals(position(cheese, "weatherWeight ="), SESSION.definition(uri, position(cheese, "weatherWeight,"))
                .get(0).getRange().getStart());
        assertEquals(List.of(6, 13), lines(SESSION.references(uri, position(cheese, "weatherWeight ="), true)));
        assertEquals(List.of(7, 13, 13), lines(SESSION.references(uri, position(cheese, "otherWeight   ="), true)));
        assertEquals(position(cheese, "limit = 5"), SESSION.definition(uri, position(cheese, "limit)")).get(0)
                .getRange().getStart());
        assertEquals(position(cheese, "limit = 5"), SESSION.definition(uri, position(cheese, "limit = 3")).get(0)
                .getRange().getStart(), "with sets the part's network's constant");
        assertEquals(position(cheese, "Festival {"), SESSION.definition(uri, position(cheese, "Festival(")).get(0)
                .getRange().getStart());
        assertEquals(List.of(10, 20, 28), lines(SESSION.references(uri, position(cheese, "Festival {"), true)));
    }

    @Test
    void renamingAConstantOrAnInputRenamesTheNamesPartsBindOrSet() throws IOException {
        String cheese = Files.readString(CHEESE);
        String uri = SESSION.open(LspSession.uri(CHEESE), cheese);
        WorkspaceEdit limit = SESSION.rename(uri, position(cheese, "limit = 5"), "bar");
        String renamed = LspSession.apply(cheese, limit.getChanges().get(uri));
        assertTrue(renamed.contains("let bar = 5") && renamed.contains("threshold: bar")
                && renamed.contains("with bar = 3"), renamed);
        assertEquals(List.of(), nnlang.frontend.FrontEnd.check("cheese.nn", renamed, CHEESE.getParent()).diagnostics());
        WorkspaceEdit weather = SESSION.rename(uri, position(cheese, "weather, partner"), "sky");
        String input = LspSession.apply(cheese, weather.getChanges().get(uri));
        assertTrue(input.contains("input sky, partner") && input.contains("perceptron(sky: weatherWeight"), input);
        String adder = Files.readString(ADDER);
        String adderUri = SESSION.open(ADDER);
        assertEquals(null, SESSION.rename(adderUri, position(adder, "HalfAdder(x, y)"), "Half"),
                "a network of another file is not renamed from here");
    }

    @Test
    void aPartShowsItsNetworkInputsOutputsParametersAndTraining() throws IOException {
        String adder = Files.readString(ADDER);
        String uri = SESSION.open(ADDER);
        String first = SESSION.hoverText(uri, position(adder, "first  ="));
        assertTrue(first.contains("part **first**"), () -> first + SESSION.diagnostics(uri));
        assertTrue(first.contains("part **first** = network HalfAdder · inputs x1, x2 · 2 outputs · 5 nodes · "
                + "15 parameters · trainable"), first);
        String bit = SESSION.hoverText(uri, position(adder, "carry: bit3", 0, 7));
        assertTrue(bit.contains("part **bit3** = network FullAdder · inputs x, y, carryIn · 2 outputs · 13 nodes · "
                + "39 parameters"), bit);
        assertTrue(bit.contains("Declared at line 34."), bit);
        String text = "network Inner {\n    input x[3]\n    layer h = dense(2, sigmoid) weights [[1, 1, 1], [1, 1, 1]] "
                + "bias [0, 0]\n}\nnetwork Outer {\n    input v[3]\n    fixed part p = Inner(v)\n"
                + "    layer o = dense(1, sigmoid) from p weights [[1, 1]] bias [0]\n}\n";
        String fixed = SESSION.hoverText(SESSION.open("file:///tmp/fixed-part.nn", text), position(text, "p = Inner"));
        assertTrue(fixed.contains("part **p** = network Inner · inputs x[3] · 2 outputs · 1 node · 8 parameters · "
                + "fixed: training leaves it as it is"), fixed);
        String network = SESSION.hoverText(uri, position(adder, "HalfAdder(x, y)"));
        assertTrue(network.contains("**network HalfAdder**") && network.contains("Declared at line 7 of half-adder.nn."),
                network);
    }

    @Test
    void aConstantShowsItsValue() throws IOException {
        String cheese = Files.readString(CHEESE);
        String uri = SESSION.open(CHEESE);
        String weight = SESSION.hoverText(uri, position(cheese, "weatherWeight,"));
        assertTrue(weight.contains("Constant **weatherWeight** of the file = 6") && weight.contains("Declared at line 6."),
                weight);
        String limit = SESSION.hoverText(uri, position(cheese, "limit = 3"));
        assertTrue(limit.contains("Constant **limit** of network Festival = 5"), limit);
        String text = "let k = 3\nnetwork N {\n    input x\n    let half = k / 2\n    neuron n = linear(x: half)\n}\n";
        String computed = SESSION.hoverText(SESSION.open("file:///tmp/computed.nn", text), position(text, "half)"));
        assertTrue(computed.contains("let half = k / 2") && computed.contains("of network N = 1.5"), computed);
        String unknown = SESSION.hoverText(SESSION.open("file:///tmp/unknown-constant.nn", text.replace("x: half", "x: nope")),
                position(text.replace("x: half", "x: nope"), "nope"));
        assertTrue(unknown.contains("No constant named `nope`"), unknown);
    }

    @Test
    void completionOffersNetworksForAPartAndConstantsForANumber() throws IOException {
        String text = Files.readString(ADDER).replace("    part carry  = Or(first.carry, second.carry)\n",
                "    part carry  = Or(first.carry, second.carry)\n    part more = \n");
        String uri = SESSION.open(LspSession.uri(ADDER), text);
        assertEquals(List.of("Or", "Adder4", "Nand", "HalfAdder"), SESSION.completionLabels(uri, position(text, "more = ", 0, 7)),
                "the file's networks but the one written, then the imported files'");
        String cheese = Files.readString(CHEESE).replace("threshold: limit", "threshold: ");
        String cheeseUri = SESSION.open("file:///tmp/cheese-completion.nn", cheese);
        assertEquals(List.of("limit", "weatherWeight", "otherWeight"),
                SESSION.completionLabels(cheeseUri, position(cheese, "threshold: ", 0, 11)));
        assertEquals(List.of("weatherWeight", "otherWeight"), SESSION.completionLabels(cheeseUri,
                position(cheese, "limit = 3", 0, 8)), "Festival's constants are not EagerCheese's");
        String marked = "network N {\n    input x\n    fixed \n    trainable \n}\n";
        String markedUri = SESSION.open("file:///tmp/marked.nn", marked);
        assertEquals(List.of("neuron", "layer", "part"), SESSION.completionLabels(markedUri, new Position(2, 10)));
        assertEquals(List.of("part"), SESSION.completionLabels(markedUri, new Position(3, 14)));
        String with = cheese.replace("with limit = 3", "with ");
        String withUri = SESSION.open("file:///tmp/cheese-with.nn", with);
        assertEquals(List.of("limit"), SESSION.completionLabels(withUri, position(with, "with ", 0, 5)),
                "with offers the part's network's constants");
    }

    @Test
    void aFileIsCheckedWithTheEditorsTextsOfItsImportsAndAgainWhenTheyChange() throws IOException {
        Path gates = Files.writeString(dir.resolve("gates.nn"),
                "network Wire {\n    input x\n    neuron out = linear(x: 1, bias: 0)\n}\n");
        Path main = Files.writeString(dir.resolve("main.nn"),
                "import \"gates.nn\"\nnetwork Main {\n    input x\n    part w = Wire(x)\n}\n");
        String mainUri = SESSION.open(main);
        assertEquals(List.of(), SESSION.diagnostics(mainUri));
        String gatesUri = SESSION.open(gates);
        assertEquals(List.of(), SESSION.publication(mainUri, 1), "checked again with the open text");
        SESSION.change(gatesUri, Files.readString(gates).replace("Wire", "Cable"));
        List<Diagnostic> unsaved = SESSION.publication(mainUri, 2);
        assertEquals(1, unsaved.size(), unsaved.toString());
        assertEquals("unknown-network", unsaved.get(0).getCode().getLeft());
        assertEquals(3, unsaved.get(0).getRange().getStart().getLine());
        assertTrue(SESSION.hoverText(mainUri, position(Files.readString(main), "Wire(")).contains("No network named `Wire`"));
        SESSION.change(gatesUri, Files.readString(gates));
        assertEquals(List.of(), SESSION.publication(mainUri, 3));
        SESSION.change(gatesUri, Files.readString(gates).replace("Wire", "Cable"));
        assertEquals(1, SESSION.publication(mainUri, 4).size());
        SESSION.close(gatesUri);
        assertEquals(List.of(), SESSION.publication(mainUri, 5), () -> "closed, the file is read from disk again: "
                + SESSION.publications(mainUri).stream().map(p -> p.getDiagnostics().size()).toList());
        assertEquals(6, SESSION.publications(mainUri).size(), () -> SESSION.publications(mainUri).stream()
                .map(p -> p.getDiagnostics().size()).toList().toString());
    }

    private static List<Integer> lines(List<? extends Location> locations) {
        return locations.stream().map(l -> l.getRange().getStart().getLine() + 1).toList();
    }
}
