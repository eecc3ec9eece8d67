package nnlang.lsp;

import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;
import nnlang.lsp.SymbolIndex.Role;
import nnlang.lsp.SymbolIndex.Statement;
import nnlang.lsp.SymbolIndex.Symbol;
import nnlang.lsp.SymbolIndex.SymbolKind;

/**
 * Reads one statement's tokens for {@link SymbolIndex}: which names it declares (inputs, a neuron or
 * layer, an activation and its parameter, class labels) and what every other name in it does (a
 * source, an activation, a call or variable of a formula, a setting's value, an argument, a label).
 * It goes by the statement's keyword and by each name's neighbours, so a statement cut short by a
 * syntax error is read as far as it goes.
 */
final class StatementReader {
    private final SymbolIndex index;

    StatementReader(SymbolIndex index) {
        this.index = index;
    }

    /** Records the declarations and name uses of one statement or setting. */
    void read(Statement s) {
        int first = s.first();
        int last = s.last();
        switch (s.setting() ? "setting" : s.keyword()) {
            case "input" -> {
                int brackets = 0;
                for (int i = first + 1; i <= last; i++) {
                    SourceToken t = index.token(i);
                    brackets += t.is(Kind.SYMBOL, "[") ? 1 : t.is(Kind.SYMBOL, "]") ? -1 : 0;
                    if (brackets == 0 && SymbolIndex.isName(t)) {
                        index.declare(SymbolKind.INPUT, i, s);
                    } else if (brackets == 0 && t.kind() == Kind.NUMBER
                            && (index.token(i - 1).is(Kind.KEYWORD, "input") || index.token(i - 1).is(Kind.SYMBOL, ","))) {
                        index.declare(SymbolKind.INPUT, i, s, "input");
                    } else if (SymbolIndex.isName(t)) {
                        index.use(i, Role.OTHER, null, s);
                    }
                }
            }
            case "neuron", "layer" -> {
                boolean layer = s.keyword().equals("layer");
                int i = first + 1;
                if (i <= last && SymbolIndex.isName(index.token(i))) {
                    index.declare(layer ? SymbolKind.LAYER : SymbolKind.NEURON, i, s);
                }
                int parens = 0;
                boolean from = false;
                for (i = first + 2; i <= last; i++) {
                    SourceToken t = index.token(i);
                    parens += t.is(Kind.SYMBOL, "(") ? 1 : t.is(Kind.SYMBOL, ")") ? -1 : 0;
                    from |= t.is(Kind.KEYWORD, "from");
                    if (!SymbolIndex.isName(t)) {
                        continue;
                    }
                    if (layer && parens == 1 && i + 1 <= last && index.token(i + 1).is(Kind.SYMBOL, ":")) {
                        index.use(i, Role.ARGUMENT, null, s, index.token(first + 3).text());
                        continue;
                    }
                    boolean activation = layer ? parens == 1 && index.token(i - 1).is(Kind.SYMBOL, ",")
                            && !index.token(i + 1 <= last ? i + 1 : i).is(Kind.SYMBOL, ":")
                            : index.token(i - 1).is(Kind.SYMBOL, "=");
                    boolean source = layer ? from : parens == 1 && !inBrackets(i, first);
                    index.use(i, activation ? Role.ACTIVATION : source ? Role.SOURCE : Role.OTHER, null, s);
                }
            }
            case "output" -> {
                boolean labels = false;
                for (int i = first + 1; i <= last; i++) {
                    SourceToken t = index.token(i);
                    labels |= t.is(Kind.KEYWORD, "as");
                    if (SymbolIndex.isName(t)) {
                        if (labels) {
                            index.declare(SymbolKind.CLASS_LABEL, i, s);
                        } else {
                            index.use(i, inBrackets(i, first) ? Role.OTHER : Role.SOURCE, null, s);
                        }
                    }
                }
            }
            case "activation" -> activation(s);
            case "setting" -> setting(s);
            case "network", "train" -> { }
            default -> {
                for (int i = first + 1; i <= last; i++) {
                    if (SymbolIndex.isName(index.token(i)) && !index.recorded(i)) {
                        index.use(i, Role.OTHER, null, s);
                    }
                }
            }
        }
    }

    /** {@code activation NAME(PARAM) = FORMULA}: the parameter is declared for this statement only. */
    private void activation(Statement s) {
        int first = s.first();
        int last = s.last();
        if (first + 1 <= last && SymbolIndex.isName(index.token(first + 1))) {
            index.declare(SymbolKind.ACTIVATION, first + 1, s);
        }
        Symbol parameter = null;
        if (first + 3 <= last && index.token(first + 2).is(Kind.SYMBOL, "(") && SymbolIndex.isName(index.token(first + 3))) {
            parameter = index.declare(SymbolKind.PARAMETER, first + 3, s);
        }
        for (int i = first + 4; i <= last; i++) {
            SourceToken t = index.token(i);
            if (!SymbolIndex.isName(t) || index.recorded(i)) {
                continue;
            }
            boolean call = i + 1 <= last && index.token(i + 1).is(Kind.SYMBOL, "(");
            Symbol variable = parameter != null && parameter.name().equals(t.text()) ? parameter : null;
            index.use(i, call ? Role.CALL : Role.VARIABLE, call ? null : variable, s);
        }
    }

    /** A train setting: the names of its value, its arguments and a table's class labels. */
    private void setting(Statement s) {
        int first = s.first();
        String owner = s.keyword();
        for (int i = first + 1; i <= s.last(); i++) {
            SourceToken t = index.token(i);
            if (!SymbolIndex.isName(t)) {
                if (t.is(Kind.KEYWORD, "split")) {
                    owner = "split";
                }
                continue;
            }
            SourceToken before = index.token(i - 1);
            if (i + 1 <= s.last() && index.token(i + 1).is(Kind.SYMBOL, ":")) {
                index.use(i, Role.ARGUMENT, null, s, owner);
            } else if (before.is(Kind.SYMBOL, "->")) {
                index.use(i, Role.LABEL, null, s);
            } else if (i == first + 1) {
                index.use(i, Role.SETTING_VALUE, null, s, s.keyword());
                owner = t.text();
            } else {
                index.use(i, Role.OTHER, null, s);
            }
        }
    }

    /** Whether the token at {@code at} is inside square brackets opened after {@code from}. */
    private boolean inBrackets(int at, int from) {
        int depth = 0;
        for (int i = from; i < at; i++) {
            depth += index.token(i).is(Kind.SYMBOL, "[") ? 1 : index.token(i).is(Kind.SYMBOL, "]") ? -1 : 0;
        }
        return depth > 0;
    }
}
