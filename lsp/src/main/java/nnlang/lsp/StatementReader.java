package nnlang.lsp;

import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;
import nnlang.lsp.SymbolIndex.Role;
import nnlang.lsp.SymbolIndex.Statement;
import nnlang.lsp.SymbolIndex.Symbol;
import nnlang.lsp.SymbolIndex.SymbolKind;

/**
 * Reads one statement's tokens for {@link SymbolIndex}: which names it declares (inputs, a neuron,
 * layer or part, a constant, an activation and its parameter, class labels) and what every other
 * name in it does (a source, a part's network or a name of it, a constant, an activation, a call or
 * variable of a formula, a setting's value, an argument, a label).
 * It goes by the statement's keyword and by each name's neighbours, so a statement cut short by a
 * syntax error is read as far as it goes.
 */
final class StatementReader {
    /** The settings whose value is a number. */
    private static final java.util.Set<String> NUMBER_SETTINGS = java.util.Set.of("epochs", "seed");

    private final SymbolIndex index;

    StatementReader(SymbolIndex index) {
        this.index = index;
    }

    /** Records the declarations and name uses of one statement or setting. */
    void read(Statement s) {
        int first = index.keywordOf(s.first()).equals(index.token(s.first()).text()) ? s.first() : s.first() + 1;
        int last = s.last();
        switch (s.setting() ? "setting" : s.keyword()) {
            case "input" -> {
                int brackets = 0;
                boolean operand = true;
                for (int i = first + 1; i <= last; i++) {
                    SourceToken t = index.token(i);
                    brackets += t.is(Kind.SYMBOL, "[") ? 1 : t.is(Kind.SYMBOL, "]") ? -1 : 0;
                    if (brackets == 0 && SymbolIndex.isName(t)) {
                        index.declare(SymbolKind.INPUT, i, s);
                    } else if (brackets == 0 && t.kind() == Kind.NUMBER
                            && (index.token(i - 1).is(Kind.KEYWORD, "input") || index.token(i - 1).is(Kind.SYMBOL, ","))) {
                        index.declare(SymbolKind.INPUT, i, s, "input");
                    } else if (SymbolIndex.isName(t) && operand) {
                        number(i, s);
                        operand = i + 1 <= last && index.token(i + 1).is(Kind.SYMBOL, "(");
                    } else if (SymbolIndex.isName(t)) {
                        index.use(i, Role.OTHER, null, s);
                        operand = true;
                    } else {
                        operand = t.kind() != Kind.NUMBER && !t.is(Kind.SYMBOL, ")");
                    }
                }
            }
            case "neuron" -> {
                declare(SymbolKind.NEURON, first + 1, last, s);
                int parens = 0;
                boolean weight = false;
                for (int i = first + 2; i <= last; i++) {
                    SourceToken t = index.token(i);
                    parens += t.is(Kind.SYMBOL, "(") ? 1 : t.is(Kind.SYMBOL, ")") ? -1 : 0;
                    weight = parens == 1 && (t.is(Kind.SYMBOL, ":") || weight && !t.is(Kind.SYMBOL, ","));
                    if (!SymbolIndex.isName(t)) {
                        continue;
                    }
                    if (index.token(i - 1).is(Kind.SYMBOL, "=")) {
                        index.use(i, Role.ACTIVATION, null, s);
                    } else if (parens == 1 && !weight) {
                        source(i, first, s);
                    } else {
                        number(i, s);
                    }
                }
            }
            case "layer" -> {
                declare(SymbolKind.LAYER, first + 1, last, s);
                int parens = 0;
                boolean from = false;
                boolean values = false;
                for (int i = first + 2; i <= last; i++) {
                    SourceToken t = index.token(i);
                    parens += t.is(Kind.SYMBOL, "(") ? 1 : t.is(Kind.SYMBOL, ")") ? -1 : 0;
                    from |= t.is(Kind.KEYWORD, "from");
                    values |= t.is(Kind.KEYWORD, "weights") || t.is(Kind.KEYWORD, "bias");
                    if (!SymbolIndex.isName(t)) {
                        continue;
                    }
                    if (parens == 1 && !from && i + 1 <= last && index.token(i + 1).is(Kind.SYMBOL, ":")) {
                        index.use(i, Role.ARGUMENT, null, s, index.token(first + 3).text());
                    } else if (parens == 1 && index.token(i - 1).is(Kind.SYMBOL, ",") && !from) {
                        index.use(i, Role.ACTIVATION, null, s);
                    } else if (from && !values) {
                        source(i, first, s);
                    } else {
                        number(i, s);
                    }
                }
            }
            case "part" -> part(s, first);
            case "let" -> {
                declare(SymbolKind.CONSTANT, first + 1, last, s);
                for (int i = first + 2; i <= last; i++) {
                    if (SymbolIndex.isName(index.token(i))) {
                        number(i, s);
                    }
                }
            }
            case "import" -> {
                if (first + 1 <= last && index.token(first + 1).kind() == Kind.STRING) {
                    index.importFile(first + 1, s);
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
                        } else if (i + 1 <= last && index.token(i + 1).is(Kind.SYMBOL, ":")) {
                            index.use(i, Role.OTHER, null, s);
                        } else {
                            source(i, first, s);
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

    /**
     * {@code part NAME = NET(src, x1: src) with c = FORMULA}: the part, its network, the sources it
     * binds, and the names of its network it binds or sets.
     */
    private void part(Statement s, int first) {
        int last = s.last();
        declare(SymbolKind.PART, first + 1, last, s);
        String network = null;
        if (first + 3 <= last && index.token(first + 2).is(Kind.SYMBOL, "=") && SymbolIndex.isName(index.token(first + 3))) {
            network = index.token(first + 3).text();
            index.use(first + 3, Role.NETWORK, null, s);
        }
        int parens = 0;
        boolean with = false;
        for (int i = first + 4; i <= last; i++) {
            SourceToken t = index.token(i);
            parens += t.is(Kind.SYMBOL, "(") ? 1 : t.is(Kind.SYMBOL, ")") ? -1 : 0;
            with |= parens == 0 && t.is(Kind.KEYWORD, "with");
            if (!SymbolIndex.isName(t)) {
                continue;
            }
            boolean named = i + 1 <= last && index.token(i + 1).is(Kind.SYMBOL, with ? "=" : ":");
            if (named && (with ? parens == 0 : parens == 1)) {
                index.use(i, Role.PART_MEMBER, null, s, network);
            } else if (!with && parens == 1) {
                source(i, first, s);
            } else {
                number(i, s);
            }
        }
    }

    private void declare(SymbolKind kind, int at, int last, Statement s) {
        if (at <= last && SymbolIndex.isName(index.token(at))) {
            index.declare(kind, at, s);
        }
    }

    /** A name in a source ({@code a}, {@code first.sum}, {@code h[k]}): the first name, a name inside it, an index. */
    private void source(int i, int first, Statement s) {
        if (inBrackets(i, first)) {
            number(i, s);
        } else if (index.token(i - 1).is(Kind.SYMBOL, ".")) {
            index.use(i, Role.OTHER, null, s);
        } else {
            index.use(i, Role.SOURCE, null, s);
        }
    }

    /** A name where a number is: a constant, or a function it calls. */
    private void number(int i, Statement s) {
        boolean call = i + 1 < index.tokenCount() && index.token(i + 1).is(Kind.SYMBOL, "(");
        index.use(i, call ? Role.CALL : Role.CONSTANT, null, s);
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
            } else if (i == first + 1 && !NUMBER_SETTINGS.contains(s.keyword())) {
                index.use(i, Role.SETTING_VALUE, null, s, s.keyword());
                owner = t.text();
            } else {
                number(i, s);
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
