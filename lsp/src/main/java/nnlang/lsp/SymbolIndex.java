package nnlang.lsp;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;

/**
 * What a source declares and where it uses each name, read from its tokens rather than from the
 * checked model, so that it is there for any text: an editor's file has errors most of the time it
 * is typed. Networks end at their closing brace, or where the next {@code network} begins; a
 * statement ends where the next begins, as the parser read it or, where it could not, at a statement
 * keyword that starts a line.
 *
 * <p>Every name token gets an {@link Occurrence}: the declaration it is, the declaration it refers
 * to (resolved within its network, a formula's variable within its activation), or the role of a
 * name the language itself defines there (an activation, a cost, an argument of an optimizer).
 */
final class SymbolIndex {

    /** What a declared name is. */
    enum SymbolKind { NETWORK, INPUT, NEURON, LAYER, PART, CONSTANT, ACTIVATION, PARAMETER, CLASS_LABEL }

    /** What a name does where it is written. */
    enum Role {
        /** It declares {@link Occurrence#target}. */
        DECLARATION,
        /** A source read by a neuron, a layer, a part or the output: an input, a neuron, a layer or a part. */
        SOURCE,
        /** The network a part uses: of this file, else of a file it imports. */
        NETWORK,
        /** A name where a number is: a constant of the network or the file. */
        CONSTANT,
        /**
         * A name declared in the network a part uses ({@link Occurrence#owner}): an input it binds by name
         * ({@code x1} in {@code Nand(x1: a)}), a constant {@code with} sets, a name read inside the part
         * ({@code sum} in {@code first.sum}).
         */
        PART_MEMBER,
        /** The activation of a neuron or layer. */
        ACTIVATION,
        /** A call in a formula: a function, a built-in activation or one of the network's. */
        CALL,
        /** A variable in a formula. */
        VARIABLE,
        /** A class label as a table row's target. */
        LABEL,
        /** The value of a train setting: {@code quadratic}, {@code sgd}, {@code step}, {@code gaussian}, {@code accuracy}. */
        SETTING_VALUE,
        /** An argument name: {@code rate} in {@code sgd(rate: 3.0)}. */
        ARGUMENT,
        /** Anything else, such as the {@code x} of a shape. */
        OTHER
    }

    /** A declaration: its kind, its name token (code token {@code index}) and the statement it belongs to. */
    record Symbol(SymbolKind kind, String name, SourceToken token, int index, Statement statement) {}

    /**
     * A name where it is written. {@code owner} is the word the role depends on: the setting keyword of
     * a setting value, the optimizer, schedule or {@code split} of an argument.
     */
    record Occurrence(SourceToken token, Role role, Symbol target, String owner, Statement statement) {
        Optional<Symbol> resolved() {
            return Optional.ofNullable(target);
        }
    }

    /**
     * One statement of a network (or the network's own line, or a train setting) as the indices of
     * its first and last code tokens; {@code keyword} is its first word.
     */
    record Statement(String keyword, int first, int last, Network network, boolean setting) {}

    /** An {@code import} line: its path as written (without quotes) and the string token. */
    record Import(String path, SourceToken token, Statement statement) {}

    /**
     * A network: its declaration (absent while its name is not typed yet) and statements, settings
     * included; or the file's own scope, with its imports and constants.
     */
    static final class Network {
        final int first;
        int last;
        Symbol symbol;
        final List<Statement> statements = new ArrayList<>();
        final Map<String, Symbol> names = new LinkedHashMap<>();
        final Map<String, Symbol> activations = new LinkedHashMap<>();
        final Map<String, Symbol> labels = new LinkedHashMap<>();
        final Map<String, Symbol> constants = new LinkedHashMap<>();

        Network(int first) {
            this.first = first;
        }

        String name() {
            return symbol == null ? "" : symbol.name();
        }
    }

    static final Set<String> STATEMENT_KEYWORDS = Set.of("input", "neuron", "layer", "part", "let", "fixed", "trainable",
            "output", "train", "activation", "import");
    /** The words that may stand before a statement's keyword. */
    static final Set<String> MODIFIERS = Set.of("fixed", "trainable");
    static final Set<String> SETTING_KEYWORDS =
            Set.of("data", "validation", "test", "cost", "optimizer", "schedule", "epochs", "init", "seed", "report",
                    "expect", "stop", "keep", "shards", "threads");

    private final List<SourceToken> tokens;
    private final List<SourceToken> code;
    private final List<Network> networks = new ArrayList<>();
    /** The file's own scope: its imports and file-level constants. */
    private final Network file = new Network(0);
    private final List<Import> imports = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final Map<SourceToken, Occurrence> occurrences = new IdentityHashMap<>();

    SymbolIndex(List<SourceToken> tokens) {
        code = tokens.stream().filter(t -> t.kind() != Kind.COMMENT).toList();
        this.tokens = tokens;
        file.last = code.size() - 1;
        StatementReader reader = new StatementReader(this);
        int i = 0;
        while (i < code.size()) {
            SourceToken t = code.get(i);
            if (t.is(Kind.KEYWORD, "network")) {
                i = network(i);
            } else if (t.is(Kind.KEYWORD, "import") || t.is(Kind.KEYWORD, "let")) {
                int last = StatementBounds.endOfFileStatement(code, i);
                Statement statement = new Statement(t.text(), i, last, file, false);
                file.statements.add(statement);
                reader.read(statement);
                i = last + 1;
            } else {
                i++;
            }
        }
        networks.forEach(this::resolve);
        resolve(file);
    }

    List<Network> networks() {
        return networks;
    }

    /** The file's own scope: its imports and constants (its statements, {@code import} and {@code let} lines). */
    Network file() {
        return file;
    }

    /** The file's imports, in order. */
    List<Import> imports() {
        return imports;
    }

    /** The network of this file named {@code name}, the first if several are. */
    Optional<Network> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The constant {@code name} as {@code network} sees it: its own, else the file's. */
    Optional<Symbol> constant(Network network, String name) {
        return Optional.ofNullable(network.constants.get(name)).or(() -> Optional.ofNullable(file.constants.get(name)));
    }

    /** Records an import line. */
    void importFile(int index, Statement statement) {
        SourceToken t = code.get(index);
        String path = t.text().length() >= 2 && t.text().endsWith("\"") ? t.text().substring(1, t.text().length() - 1)
                : t.text().substring(1);
        imports.add(new Import(path, t, statement));
    }

    /** The statement's keyword: its first word, or the word after {@code fixed} or {@code trainable}. */
    String keywordOf(int first) {
        SourceToken t = code.get(first);
        if (MODIFIERS.contains(t.text()) && t.kind() == Kind.KEYWORD && first + 1 < code.size()
                && code.get(first + 1).kind() == Kind.KEYWORD) {
            return code.get(first + 1).text();
        }
        return t.text();
    }

    List<Symbol> symbols() {
        return symbols;
    }

    SourceToken token(int index) {
        return code.get(index);
    }

    int tokenCount() {
        return code.size();
    }

    /**
     * The code tokens from {@code first} to {@code last} as written, without comments, with a space
     * wherever the source has whitespace or a comment between two of them.
     */
    String text(int first, int last) {
        StringBuilder out = new StringBuilder();
        SourceToken previous = null;
        for (int i = first; i <= last && i < code.size(); i++) {
            SourceToken t = code.get(i);
            if (previous != null) {
                boolean adjacent = previous.line() == t.line() && previous.column() + width(previous.text()) == t.column();
                out.append(adjacent ? "" : " ");
            }
            out.append(t.text());
            previous = t;
        }
        return out.toString();
    }

    /** Every token, comments included. */
    List<SourceToken> allTokens() {
        return tokens;
    }

    /** Whether something is recorded for the name token at {@code index} already. */
    boolean recorded(int index) {
        return occurrences.containsKey(code.get(index));
    }

    /** The name token under a front-end (line, column) and what it is. */
    Optional<Occurrence> occurrenceAt(int line, int column) {
        return indexAt(line, column).map(code::get).map(occurrences::get);
    }

    /** The index of the code token that covers (line, column), if any. */
    Optional<Integer> indexAt(int line, int column) {
        int before = lastStartingBefore(line, column + 1);
        if (before >= 0) {
            SourceToken t = code.get(before);
            if (t.line() == line && column < t.column() + width(t.text())) {
                return Optional.of(before);
            }
        }
        return Optional.empty();
    }

    /** The index of the last code token that starts before (line, column), or -1. */
    int lastStartingBefore(int line, int column) {
        int lo = 0;
        int hi = code.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            SourceToken t = code.get(mid);
            if (t.line() < line || t.line() == line && t.column() < column) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The network whose text contains the code token at {@code index}. */
    Optional<Network> networkOf(int index) {
        return networks.stream().filter(n -> n.first <= index && index <= n.last).findFirst();
    }

    /** The innermost statement containing the code token at {@code index}: a setting rather than its train block. */
    Optional<Statement> statementOf(int index) {
        return networkOf(index).flatMap(n -> n.statements.stream().filter(s -> s.first() <= index && index <= s.last())
                .reduce((outer, inner) -> inner.setting() ? inner : outer));
    }

    /** Every occurrence that refers to {@code symbol}, its declaration first. */
    List<Occurrence> occurrencesOf(Symbol symbol) {
        return code.stream().map(occurrences::get).filter(o -> o != null && o.target() == symbol).toList();
    }

    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    static boolean isName(SourceToken t) {
        return t.kind() == Kind.NAME;
    }

    /** Scans a network from its keyword; returns the index after it. */
    private int network(int start) {
        Network network = new Network(start);
        networks.add(network);
        int i = start + 1;
        boolean named = i < code.size() && isName(code.get(i));
        Statement header = new Statement("network", start, named ? i : start, network, false);
        network.statements.add(header);
        if (named) {
            network.symbol = declare(SymbolKind.NETWORK, i, header);
            i++;
        }
        StatementBounds bounds = StatementBounds.ofNetwork(code, i);
        List<Integer> statementStarts = bounds.statements();
        int close = bounds.close();
        i = bounds.end();
        int bodyEnd = (close >= 0 ? close : i) - 1;
        network.last = close >= 0 ? close : Math.max(start, i - 1);
        for (int k = 0; k < statementStarts.size(); k++) {
            int first = statementStarts.get(k);
            int last = k + 1 < statementStarts.size() ? statementStarts.get(k + 1) - 1 : bodyEnd;
            Statement statement = new Statement(keywordOf(first), first, Math.max(first, last), network, false);
            network.statements.add(statement);
            if (statement.keyword().equals("train")) {
                int blockEnd = bounds.trainEnds().getOrDefault(first, statement.last() + 1) - 1;
                List<Integer> own = bounds.settings().stream().filter(x -> x > first && x <= statement.last()).toList();
                for (int m = 0; m < own.size(); m++) {
                    int sFirst = own.get(m);
                    int sLast = m + 1 < own.size() ? own.get(m + 1) - 1 : Math.min(blockEnd, statement.last());
                    network.statements.add(new Statement(code.get(sFirst).text(), sFirst, Math.max(sFirst, sLast),
                            network, true));
                }
            }
        }
        StatementReader reader = new StatementReader(this);
        for (Statement statement : List.copyOf(network.statements)) {
            reader.read(statement);
        }
        return close >= 0 ? close + 1 : i;
    }

    Symbol declare(SymbolKind kind, int index, Statement statement) {
        return declare(kind, index, statement, code.get(index).text());
    }

    /** Records that the name token at {@code index} declares a {@code kind}, first declaration first. */
    Symbol declare(SymbolKind kind, int index, Statement statement, String name) {
        SourceToken t = code.get(index);
        Symbol symbol = new Symbol(kind, name, t, index, statement);
        symbols.add(symbol);
        occurrences.put(t, new Occurrence(t, Role.DECLARATION, symbol, null, statement));
        Network network = statement.network();
        switch (kind) {
            case INPUT, NEURON, LAYER, PART -> network.names.putIfAbsent(name, symbol);
            case CONSTANT -> network.constants.putIfAbsent(name, symbol);
            case ACTIVATION -> network.activations.putIfAbsent(name, symbol);
            case CLASS_LABEL -> network.labels.putIfAbsent(name, symbol);
            default -> { }
        }
        return symbol;
    }

    void use(int index, Role role, Symbol target, Statement statement) {
        use(index, role, target, statement, null);
    }

    /** Records what the name token at {@code index} does, unless something was recorded for it already. */
    void use(int index, Role role, Symbol target, Statement statement, String owner) {
        SourceToken t = code.get(index);
        occurrences.putIfAbsent(t, new Occurrence(t, role, target, owner, statement));
    }

    /**
     * Resolves the names of a network once all its declarations are known (a neuron may read a later
     * one); of the file's scope, those of its own statements.
     */
    private void resolve(Network network) {
        if (network == file) {
            file.statements.forEach(s -> resolve(file, s.first(), s.last()));
        } else {
            resolve(network, network.first, network.last);
        }
    }

    private void resolve(Network network, int first, int last) {
        for (int i = first; i <= last && i < code.size(); i++) {
            Occurrence o = occurrences.get(code.get(i));
            if (o == null || o.target() != null) {
                continue;
            }
            String name = o.token().text();
            Symbol target = switch (o.role()) {
                case SOURCE -> network.names.get(name);
                case ACTIVATION, CALL -> network.activations.get(name);
                case LABEL -> network.labels.get(name);
                case CONSTANT, VARIABLE -> constant(network, name).orElse(null);
                case NETWORK -> network(name).map(n -> n.symbol).orElse(null);
                default -> null;
            };
            if (target != null) {
                occurrences.put(o.token(), new Occurrence(o.token(), o.role(), target, o.owner(), o.statement()));
            }
        }
    }
}
