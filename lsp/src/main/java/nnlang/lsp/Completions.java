package nnlang.lsp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;
import nnlang.lsp.SymbolIndex.Network;
import nnlang.lsp.SymbolIndex.Statement;
import nnlang.lsp.SymbolIndex.Symbol;
import nnlang.lsp.SymbolIndex.SymbolKind;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * Completion from the tokens before the cursor, which need not parse: statement keywords at the start
 * of a statement, train settings not yet given, the values of a setting after its keyword
 * ({@code optimizer } offers {@code sgd}), argument names inside {@code sgd(...)}, {@code step(...)},
 * {@code split(...)} and after the first arguments of {@code conv(...)} and the pools, the layer kinds
 * after {@code layer NAME =}, {@code valid} and {@code same} after {@code padding:}, activations
 * (built-in and the file's own) where a neuron or layer names one, the inputs, neurons, layers and
 * parts of the network where a source is read, the networks of the file and of the files it imports
 * where a part names its network, the constants a part's {@code with} may set, and the constants in
 * scope where a number is written.
 */
final class Completions {
    private static final Set<String> CONTINUING = Set.of(",", "(", "[", "=", ":", "->", ">=", "+", "-", "*", "/", "^");
    private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/", "^");

    private final Analysis analysis;
    private final SymbolIndex index;
    private final boolean snippets;
    private final List<CompletionItem> items = new ArrayList<>();

    private Completions(Analysis analysis, boolean snippets) {
        this.analysis = analysis;
        this.index = analysis.index();
        this.snippets = snippets;
    }

    /** The items for the cursor at {@code position}; {@code snippets} when the client accepts snippet syntax. */
    static List<CompletionItem> at(Analysis analysis, Position position, boolean snippets) {
        Completions c = new Completions(analysis, snippets);
        c.complete(position);
        return c.items;
    }

    private void complete(Position position) {
        int[] at = analysis.lines().frontEnd(position);
        String lineText = analysis.lines().line(position.getLine());
        int chars = Math.min(position.getCharacter(), lineText.length());
        int wordStart = chars;
        while (wordStart > 0 && (Character.isLetterOrDigit(lineText.charAt(wordStart - 1)) || lineText.charAt(wordStart - 1) == '_')) {
            wordStart--;
        }
        int column = at[1] - lineText.codePointCount(wordStart, chars);
        if (insideCommentOrString(at[0], at[1])) {
            return;
        }
        int previous = index.lastStartingBefore(at[0], column);
        Deque<String> blocks = blocks(previous);
        if (blocks.isEmpty()) {
            fileStart(previous);
            return;
        }
        SourceToken before = index.token(previous);
        boolean lineStart = lineText.substring(0, wordStart).isBlank();
        Optional<Network> network = previous >= 0 ? index.networkOf(previous) : Optional.empty();
        Optional<Statement> statement = previous >= 0 ? index.statementOf(previous) : Optional.empty();
        if (before.is(Kind.SYMBOL, "{") || before.is(Kind.SYMBOL, "}")
                || lineStart && !CONTINUING.contains(before.text()) && before.kind() != Kind.KEYWORD) {
            statementStart(blocks.peek(), network);
            return;
        }
        if (before.kind() == Kind.KEYWORD && SymbolIndex.MODIFIERS.contains(before.text())) {
            List<String> marked = before.text().equals("fixed") ? List.of("neuron", "layer", "part") : List.of("part");
            marked.forEach(w -> keyword(Vocabulary.statement(w).orElseThrow()));
            return;
        }
        if (before.kind() == Kind.KEYWORD && statement.isPresent() && statement.get().first() == previous
                && statement.get().setting()) {
            if (before.is(Kind.KEYWORD, "epochs") || before.is(Kind.KEYWORD, "seed")) {
                constants(network);
            } else {
                settingValue(before.text());
            }
            return;
        }
        Optional<Integer> open = openParenthesis(previous, statement);
        String callee = open.filter(o -> o > 0).map(o -> index.token(o - 1).text()).orElse("");
        boolean argumentStart = before.is(Kind.SYMBOL, "(") || before.is(Kind.SYMBOL, ",");
        String keyword = statement.map(Statement::keyword).orElse("");
        if (open.isPresent() && before.is(Kind.SYMBOL, ",") && callee.equals("conv")) {
            if (!activationWritten(open.get(), previous)) {
                activations(network);
            }
            arguments(callee, open.get(), false);
        } else if (open.isPresent() && argumentStart && !Vocabulary.arguments(callee).isEmpty()
                && !(before.is(Kind.SYMBOL, "(") && Vocabulary.word(callee).isPresent())) {
            boolean mnist = statement.map(s -> index.text(s.first(), previous)).orElse("").contains("mnist");
            arguments(callee, open.get(), mnist);
        } else if (keyword.equals("activation") && formula(statement.get(), previous)) {
            formulaNames(statement.get(), network);
        } else if (keyword.equals("part") && before.is(Kind.SYMBOL, "=") && !after(statement.get(), previous, "with")) {
            networks(network);
        } else if (keyword.equals("part") && (before.is(Kind.KEYWORD, "with")
                || before.is(Kind.SYMBOL, ",") && open.isEmpty() && after(statement.get(), previous, "with"))) {
            partConstants(statement.get());
        } else if (keyword.equals("part") && open.isPresent() && (argumentStart || before.is(Kind.SYMBOL, ":"))) {
            sources(network);
        } else if (numberExpected(keyword, before, callee, open.isPresent(), statement, previous)) {
            constants(network);
        } else if (keyword.equals("neuron") && before.is(Kind.SYMBOL, "=")) {
            word("perceptron");
            activations(network);
        } else if (keyword.equals("neuron") && open.isPresent() && argumentStart) {
            sources(network);
            word("bias");
            word("threshold");
        } else if (keyword.equals("layer") && before.is(Kind.SYMBOL, "=")) {
            word("dense");
            word("conv");
            word("maxpool");
            word("avgpool");
        } else if (keyword.equals("layer") && callee.equals("dense") && before.is(Kind.SYMBOL, ",")) {
            activations(network);
        } else if (keyword.equals("layer") && open.isPresent() && before.is(Kind.SYMBOL, ":")
                && index.token(previous - 1).is(Kind.NAME, "padding")) {
            word("valid");
            word("same");
        } else if (keyword.equals("layer") && open.isEmpty() && before.is(Kind.SYMBOL, ")")) {
            word("from");
            Vocabulary.setting("init").ifPresent(this::keyword);
            word("dropout");
        } else if ((keyword.equals("init") || keyword.equals("layer")) && open.isEmpty()
                && (before.is(Kind.NAME, "xavier") || before.is(Kind.NAME, "he"))) {
            word("normal");
            word("uniform");
        } else if (keyword.equals("layer") && open.isEmpty() && (before.is(Kind.KEYWORD, "from") || before.is(Kind.SYMBOL, ","))) {
            sources(network);
        } else if (keyword.equals("output") && (before.is(Kind.KEYWORD, "output") || before.is(Kind.SYMBOL, ","))
                && open.isEmpty()) {
            sources(network);
        } else if (keyword.equals("output") && open.isEmpty() && (before.kind() == Kind.NAME || before.is(Kind.SYMBOL, "]"))) {
            word("as");
        } else if (keyword.equals("output") && before.is(Kind.KEYWORD, "as")) {
            word("class");
        } else if (keyword.equals("data") && open.isEmpty() && before.is(Kind.SYMBOL, ")")
                && statement.map(s -> index.text(s.first(), previous)).orElse("").contains("mnist")) {
            word("split");
        } else if (keyword.equals("data") && callee.equals("csv") && before.is(Kind.SYMBOL, ",")) {
            word("header");
        } else if (keyword.equals("init") && open.isEmpty() && before.is(Kind.SYMBOL, ")")) {
            word("scaled");
        }
    }

    /** Outside networks: {@code import} before the first network or constant, {@code let}, {@code network}. */
    private void fileStart(int previous) {
        boolean importsEnded = false;
        for (int i = 0; i <= previous; i++) {
            SourceToken t = index.token(i);
            importsEnded |= t.is(Kind.KEYWORD, "network") || t.is(Kind.KEYWORD, "let");
        }
        if (!importsEnded) {
            keyword(Vocabulary.statement("import").orElseThrow());
        }
        keyword(Vocabulary.statement("let").orElseThrow());
        keyword(Vocabulary.statement("network").orElseThrow());
    }

    /** Whether a number goes where the cursor is: after an operator, a weight's or an argument's colon, in an index. */
    private boolean numberExpected(String keyword, SourceToken before, String callee, boolean inParentheses,
                                   Optional<Statement> statement, int previous) {
        if (keyword.isEmpty() || keyword.equals("activation") || keyword.equals("data")) {
            return false;
        }
        boolean setting = statement.map(Statement::setting).orElse(false);
        return OPERATORS.contains(before.text()) && before.kind() == Kind.SYMBOL
                || before.is(Kind.SYMBOL, ":") && (keyword.equals("neuron") || setting)
                || before.is(Kind.SYMBOL, "=") && (keyword.equals("let") || keyword.equals("part"))
                || before.is(Kind.SYMBOL, "(") && (callee.equals("dense") || setting)
                || before.is(Kind.SYMBOL, ",") && inParentheses && setting && !callee.equals("csv")
                || before.is(Kind.SYMBOL, "[") && !setting
                || before.is(Kind.SYMBOL, ",") && !setting && statement.isPresent()
                        && after(statement.get(), previous, "weights")
                || before.is(Kind.KEYWORD, "every") || before.is(Kind.SYMBOL, ">=");
    }

    /** Whether the word {@code word} is in the statement before the token at {@code previous}. */
    private boolean after(Statement statement, int previous, String word) {
        for (int i = statement.first(); i <= previous; i++) {
            if (index.token(i).is(Kind.KEYWORD, word)) {
                return true;
            }
        }
        return false;
    }

    /** The networks a part may use: the file's (but the one being written) and those of the files it imports. */
    private void networks(Optional<Network> current) {
        for (Network n : index.networks()) {
            if (n.symbol != null && current.map(c -> c != n).orElse(true)) {
                add(n.name(), CompletionItemKind.Class, "network " + n.name(), null, n.name());
            }
        }
        for (ImportedFiles.ImportedNetwork n : analysis.imported().networks()) {
            add(n.symbol().name(), CompletionItemKind.Class, "network " + n.symbol().name() + " of "
                    + n.file().path.getFileName(), null, n.symbol().name());
        }
    }

    /** The constants of the network a part uses, which its {@code with} may set. */
    private void partConstants(Statement part) {
        int name = part.first() + (index.keywordOf(part.first()).equals(index.token(part.first()).text()) ? 3 : 4);
        if (name > part.last() || index.token(name).kind() != Kind.NAME) {
            return;
        }
        String network = index.token(name).text();
        Optional<Network> local = index.network(network);
        Optional<ImportedFiles.ImportedNetwork> imported = local.isPresent() ? Optional.empty()
                : analysis.imported().network(network);
        SymbolIndex.Network target = local.orElse(imported.map(ImportedFiles.ImportedNetwork::network).orElse(null));
        if (target != null) {
            target.constants.values().forEach(c -> add(c.name(), CompletionItemKind.Constant, "constant of " + network,
                    null, c.name() + " = "));
        }
    }

    /** The constants in scope: the network's, then the file's. */
    private void constants(Optional<Network> network) {
        network.ifPresent(n -> n.constants.values().forEach(c -> symbol(c, CompletionItemKind.Constant)));
        index.file().constants.values().forEach(c -> symbol(c, CompletionItemKind.Constant));
    }

    private void statementStart(String block, Optional<Network> network) {
        if (block.equals("network")) {
            Vocabulary.statements().stream().filter(e -> !e.word().equals("network") && !e.word().equals("import"))
                    .forEach(this::keyword);
        } else if (block.equals("train")) {
            Set<String> given = network.map(n -> n.statements.stream().filter(Statement::setting)
                    .map(Statement::keyword).collect(Collectors.toSet())).orElse(Set.of());
            Vocabulary.settings().stream().filter(e -> !given.contains(e.word())).forEach(this::keyword);
        }
    }

    private void settingValue(String setting) {
        if (setting.equals("cost")) {
            ModelFacts.costs().forEach(cost -> Vocabulary.value("cost", cost).ifPresentOrElse(
                    e -> add(e, CompletionItemKind.Value), () -> add(cost, CompletionItemKind.Value, "cost", null, cost)));
            return;
        }
        if (setting.equals("report")) {
            word("every");
            return;
        }
        if (setting.equals("threads")) {
            word("auto");
            return;
        }
        Vocabulary.values(setting).forEach(e -> add(e, setting.equals("data") ? CompletionItemKind.Module
                : CompletionItemKind.Function));
    }

    /** The arguments {@code owner} takes that its list, before and after the cursor, does not give yet. */
    /** {@code mnist}: a split of MNIST, which takes train and validation only (it has its own test images). */
    private void arguments(String owner, int open, boolean mnist) {
        if (mnist && owner.equals("split")) {
            givenOrNot(owner, open, "test");
            return;
        }
        givenOrNot(owner, open, null);
    }

    private void givenOrNot(String owner, int open, String excluded) {
        Set<String> given = new HashSet<>();
        int depth = 0;
        for (int i = open; i + 1 < index.tokenCount(); i++) {
            SourceToken t = index.token(i);
            depth += t.is(Kind.SYMBOL, "(") ? 1 : t.is(Kind.SYMBOL, ")") ? -1 : 0;
            if (depth == 0 || i > open && t.startsStatement()) {
                break;
            }
            if (index.token(i + 1).is(Kind.SYMBOL, ":")) {
                given.add(t.text());
            }
        }
        Vocabulary.arguments(owner).stream().filter(e -> !given.contains(e.label()) && !e.label().equals(excluded))
                .forEach(e -> add(e, CompletionItemKind.Property));
    }

    /**
     * Whether a conv's activation is written between its {@code (} at {@code open} and the token at
     * {@code previous}: a word that is neither a named argument, nor its value, nor the {@code x} of
     * a kernel size.
     */
    private boolean activationWritten(int open, int previous) {
        for (int i = open + 1; i <= previous; i++) {
            SourceToken t = index.token(i);
            boolean word = t.kind() == Kind.NAME || t.kind() == Kind.KEYWORD;
            boolean named = i + 1 < index.tokenCount() && index.token(i + 1).is(Kind.SYMBOL, ":");
            boolean value = index.token(i - 1).is(Kind.SYMBOL, ":");
            boolean separator = index.token(i - 1).kind() == Kind.NUMBER && i + 1 < index.tokenCount()
                    && index.token(i + 1).kind() == Kind.NUMBER;
            if (word && !named && !value && !separator) {
                return true;
            }
        }
        return false;
    }

    private void activations(Optional<Network> network) {
        for (String builtin : ModelFacts.builtinActivations()) {
            Vocabulary.builtinActivation(builtin).ifPresentOrElse(e -> add(e, CompletionItemKind.Function),
                    () -> add(builtin, CompletionItemKind.Function, "activation", null, builtin));
        }
        network.ifPresent(n -> n.activations.values().forEach(a -> symbol(a, CompletionItemKind.Function)));
    }

    private void sources(Optional<Network> network) {
        network.ifPresent(n -> n.names.values().forEach(s -> symbol(s,
                s.kind() == SymbolKind.INPUT ? CompletionItemKind.Variable : CompletionItemKind.Field)));
    }

    private void formulaNames(Statement statement, Optional<Network> network) {
        if (statement.first() + 3 <= statement.last()) {
            SourceToken parameter = index.token(statement.first() + 3);
            if (parameter.kind() == Kind.NAME) {
                add(parameter.text(), CompletionItemKind.Variable, "the activation's parameter", null, parameter.text());
            }
        }
        Vocabulary.functions().forEach(e -> add(e, CompletionItemKind.Function));
        ModelFacts.builtinActivations().forEach(b -> Vocabulary.builtinActivation(b)
                .filter(e -> !e.word().equals("softmax"))
                .ifPresent(e -> add(e.word(), CompletionItemKind.Function, "activation", e.markdown(), e.word() + "(${1:z})")));
        network.ifPresent(n -> n.activations.values().stream()
                .filter(a -> a.statement() != statement)
                .forEach(a -> add(a.name(), CompletionItemKind.Function, analysis.text(a.statement()), null,
                        a.name() + "(${1:z})")));
    }

    /** Whether the token at {@code previous} is in the formula: after the statement's {@code =}. */
    private boolean formula(Statement statement, int previous) {
        for (int i = statement.first(); i <= previous; i++) {
            if (index.token(i).is(Kind.SYMBOL, "=")) {
                return true;
            }
        }
        return false;
    }

    private void symbol(Symbol s, CompletionItemKind kind) {
        add(s.name(), kind, analysis.text(s.statement()), null, s.name());
    }

    private void keyword(Vocabulary.Entry e) {
        add(e, CompletionItemKind.Keyword);
    }

    private void word(String word) {
        Vocabulary.word(word).ifPresent(e -> add(e, CompletionItemKind.Keyword));
    }

    private void add(Vocabulary.Entry e, CompletionItemKind kind) {
        add(e.label(), kind, e.usage(), e.markdown(), e.snippet());
    }

    private void add(String label, CompletionItemKind kind, String detail, String documentation, String snippet) {
        if (items.stream().anyMatch(i -> i.getLabel().equals(label))) {
            return;
        }
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        if (documentation != null) {
            item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, documentation));
        }
        boolean placeholders = snippet.contains("$");
        if (snippets && placeholders) {
            item.setInsertText(snippet);
            item.setInsertTextFormat(InsertTextFormat.Snippet);
        } else {
            item.setInsertText(placeholders ? new Vocabulary.Entry("", "", "", snippet).plainText() : snippet);
            item.setInsertTextFormat(InsertTextFormat.PlainText);
        }
        item.setSortText(String.format("%03d", items.size()));
        items.add(item);
    }

    /** The innermost parenthesis opened in the statement before the cursor and not closed, if any. */
    private Optional<Integer> openParenthesis(int previous, Optional<Statement> statement) {
        int from = statement.map(Statement::first).orElse(previous);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = from; i <= previous; i++) {
            SourceToken t = index.token(i);
            if (t.is(Kind.SYMBOL, "(")) {
                open.push(i);
            } else if (t.is(Kind.SYMBOL, ")") && !open.isEmpty()) {
                open.pop();
            }
        }
        return Optional.ofNullable(open.peek());
    }

    /** The blocks open before the cursor, innermost first: {@code network}, {@code train} or {@code table}. */
    private Deque<String> blocks(int previous) {
        Deque<String> blocks = new ArrayDeque<>();
        for (int i = 0; i <= previous; i++) {
            SourceToken t = index.token(i);
            if (t.is(Kind.KEYWORD, "network")) {
                blocks.clear();
            } else if (t.is(Kind.SYMBOL, "{")) {
                String opener = i > 0 ? index.token(i - 1).text() : "";
                blocks.push(blocks.isEmpty() ? "network" : opener.equals("train") || opener.equals("table") ? opener : "block");
            } else if (t.is(Kind.SYMBOL, "}") && !blocks.isEmpty()) {
                blocks.pop();
            }
        }
        return blocks;
    }

    /** Whether (line, column) is after the start of a comment or string and before its end. */
    private boolean insideCommentOrString(int line, int column) {
        for (SourceToken t : index.allTokens()) {
            if (t.line() > line) {
                break;
            }
            if (t.kind() != Kind.COMMENT && t.kind() != Kind.STRING) {
                continue;
            }
            String text = t.text();
            String lastLine = text.substring(text.lastIndexOf('\n') + 1);
            int endColumn = (t.endLine() == t.line() ? t.column() : 1) + SymbolIndex.width(lastLine);
            boolean closed = t.kind() == Kind.COMMENT ? text.startsWith("/*") && text.length() >= 4 && text.endsWith("*/")
                    : text.length() >= 2 && text.endsWith("\"");
            boolean afterStart = line > t.line() || line == t.line() && column > t.column();
            boolean beforeEnd = line < t.endLine()
                    || line == t.endLine() && (column < endColumn || column == endColumn && !closed);
            if (afterStart && beforeEnd) {
                return true;
            }
        }
        return false;
    }
}
