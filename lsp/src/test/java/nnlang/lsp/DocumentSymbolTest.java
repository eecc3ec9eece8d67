package nnlang.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The outline: networks, their inputs, activations, layers, neurons, output and train block with its settings. */
class DocumentSymbolTest {
    private static final LspSession SESSION = new LspSession();

    @AfterAll
    static void end() {
        assertEquals(List.of(), SESSION.errors());
        assertEquals(0, SESSION.shutdown());
    }

    @Test
    void theOutlineOfANetworkWithATrainBlock() {
        List<DocumentSymbol> symbols = SESSION.symbols(SESSION.open(Path.of("../examples/xor/xor-softsign.nn")));
        assertEquals(1, symbols.size());
        DocumentSymbol network = symbols.get(0);
        assertEquals("XorSoftsign", network.getName());
        assertEquals(SymbolKind.Class, network.getKind());
        assertEquals(3, network.getRange().getStart().getLine());
        assertEquals(25, network.getRange().getEnd().getLine());
        assertEquals("x1 x2 softsign hidden out output train", names(network.getChildren()));
        assertEquals("layer dense(3, softsign)", network.getChildren().get(3).getDetail());
        assertEquals(SymbolKind.Function, network.getChildren().get(2).getKind());
        DocumentSymbol train = network.getChildren().get(6);
        assertEquals("data cost optimizer epochs init seed report expect", names(train.getChildren()));
        assertEquals("sgd(rate: 2.0, batch: 4)", train.getChildren().get(2).getDetail());
    }

    @Test
    void eachNetworkOfAFileWithItsNeurons() {
        List<DocumentSymbol> symbols = SESSION.symbols(SESSION.open(Path.of("../examples/cheese/cheese.nn")));
        assertEquals("weatherWeight otherWeight Festival Cheese EagerCheese", names(symbols));
        assertEquals(SymbolKind.Constant, symbols.get(0).getKind());
        assertEquals("weather partner transit limit go output", names(symbols.get(2).getChildren()));
        assertEquals("input weather", symbols.get(2).getChildren().get(0).getDetail());
        assertEquals("let 5", symbols.get(2).getChildren().get(3).getDetail());
        DocumentSymbol part = symbols.get(4).getChildren().get(3);
        assertEquals(SymbolKind.Module, part.getKind());
        assertEquals("part Festival(weather, partner, transit) with limit = 3", part.getDetail());
    }

    @Test
    void aFileThatDoesNotParseStillHasItsOutline() {
        List<DocumentSymbol> symbols = SESSION.symbols(
                SESSION.open(Path.of("../grammar/src/test/resources/golden/syntax-recovery.nn")));
        assertEquals("Broken AlsoBroken Unfinished", names(symbols));
        assertEquals("x1 x2 a b h output", names(symbols.get(0).getChildren()));
        assertEquals("x1 x2 out output", names(symbols.get(2).getChildren()));
    }

    @Test
    void aShapedInputShowsItsShape() {
        List<DocumentSymbol> symbols = SESSION.symbols(SESSION.open(Path.of("../examples/mnist/mnist.nn")));
        assertEquals("input image[28 x 28]", symbols.get(0).getChildren().get(0).getDetail());
    }

    private static String names(List<DocumentSymbol> symbols) {
        return symbols.stream().map(DocumentSymbol::getName).collect(Collectors.joining(" "));
    }
}
