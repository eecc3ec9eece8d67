package nnlang.lsp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nnlang.lsp.SymbolIndex.Network;
import nnlang.lsp.SymbolIndex.Statement;
import nnlang.lsp.SymbolIndex.Symbol;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The outline: the file's imports and constants; each network with its inputs, constants,
 * activations, neurons, layers and parts, output and train block, the train block with its
 * settings. Built from the tokens, so it is there while the file has errors.
 */
final class DocumentSymbols {

    private DocumentSymbols() {}

    static List<DocumentSymbol> of(Analysis a) {
        List<DocumentSymbol> result = new ArrayList<>();
        for (Statement s : a.index().file().statements) {
            if (s.keyword().equals("let")) {
                declarations(a, s, result);
            }
        }
        for (SymbolIndex.Import i : a.index().imports()) {
            result.add(new DocumentSymbol(i.path(), SymbolKind.File, range(a, i.statement().first(), i.statement().last()),
                    a.lines().range(i.token()), "import"));
        }
        for (Network network : a.index().networks()) {
            List<DocumentSymbol> children = new ArrayList<>();
            DocumentSymbol train = null;
            for (Statement s : network.statements) {
                if (s.setting()) {
                    if (train != null) {
                        train.getChildren().add(symbol(a, s.keyword(), SymbolKind.Property, s, s.first(),
                                a.index().text(Math.min(s.first() + 1, s.last()), s.last())));
                    }
                    continue;
                }
                switch (s.keyword()) {
                    case "input", "neuron", "layer", "part", "let", "activation" -> declarations(a, s, children);
                    case "output" -> children.add(symbol(a, "output", SymbolKind.Interface, s, s.first(),
                            a.index().text(Math.min(s.first() + 1, s.last()), s.last())));
                    case "train" -> {
                        train = symbol(a, "train", SymbolKind.Namespace, s, s.first(), null);
                        train.setChildren(new ArrayList<>());
                        children.add(train);
                    }
                    default -> { }
                }
            }
            String name = network.symbol == null ? "network" : network.symbol.name();
            int selection = network.symbol == null ? network.first : network.first + 1;
            Statement whole = new Statement("network", network.first, network.last, network, false);
            DocumentSymbol n = symbol(a, name, SymbolKind.Class, whole, selection, null);
            n.setChildren(children);
            result.add(n);
        }
        result.sort(Comparator.comparingInt((DocumentSymbol d) -> d.getRange().getStart().getLine())
                .thenComparingInt(d -> d.getRange().getStart().getCharacter()));
        return result;
    }

    private static void declarations(Analysis a, Statement s, List<DocumentSymbol> into) {
        for (Symbol symbol : a.index().symbols()) {
            if (symbol.statement() != s || symbol.kind() == SymbolIndex.SymbolKind.PARAMETER) {
                continue;
            }
            SymbolKind kind = switch (symbol.kind()) {
                case INPUT -> SymbolKind.Variable;
                case ACTIVATION -> SymbolKind.Function;
                case LAYER -> SymbolKind.Array;
                case PART -> SymbolKind.Module;
                case CONSTANT -> SymbolKind.Constant;
                default -> SymbolKind.Field;
            };
            int head = a.index().token(s.first()).text().equals(s.keyword()) ? s.first() : s.first() + 1;
            String detail = symbol.kind() == SymbolIndex.SymbolKind.INPUT ? "input " + inputText(a, symbol)
                    : a.index().text(s.first(), head) + " " + a.index().text(Math.min(head + (symbol.kind()
                    == SymbolIndex.SymbolKind.ACTIVATION ? 1 : 3), s.last()), s.last());
            into.add(new DocumentSymbol(symbol.name(), kind, range(a, s.first(), s.last()),
                    a.lines().range(symbol.token()), detail));
        }
    }

    /** One input of an input line as written: its name and shape. */
    private static String inputText(Analysis a, Symbol input) {
        int last = input.index();
        int brackets = 0;
        for (int i = input.index() + 1; i <= input.statement().last(); i++) {
            String t = a.index().token(i).text();
            brackets += t.equals("[") ? 1 : t.equals("]") ? -1 : 0;
            if (brackets == 0 && !t.equals("]")) {
                break;
            }
            last = i;
        }
        return a.index().text(input.index(), last);
    }

    private static DocumentSymbol symbol(Analysis a, String name, SymbolKind kind, Statement s, int selection,
                                         String detail) {
        DocumentSymbol symbol = new DocumentSymbol(name, kind, range(a, s.first(), s.last()),
                a.lines().range(a.index().token(selection)), detail);
        return symbol;
    }

    /** From the first token's start to the last token's end. */
    static Range range(Analysis a, int first, int last) {
        Range start = a.lines().range(a.index().token(first));
        Range end = a.lines().range(a.index().token(Math.max(first, last)));
        return new Range(start.getStart(), end.getEnd());
    }
}
