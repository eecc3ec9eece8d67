package nnlang.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;

/**
 * Where the statements of a network begin, for {@link SymbolIndex}: where the parser began one, or,
 * where it could not, at a statement keyword that starts a line or stands outside brackets (not the
 * keyword after {@code fixed} or {@code trainable}); in a train block likewise its settings. Indices
 * are those of the code tokens (comments left out).
 *
 * @param statements the first token of each statement, in order
 * @param settings   the first token of each train setting, in order
 * @param trainEnds  per {@code train} keyword, its block's closing brace
 * @param close      the network's closing brace, or -1 when the text ends, or the next network
 *                   begins, before it
 * @param end        the index where scanning stopped: the closing brace, the next {@code network},
 *                   or the end of the tokens
 */
record StatementBounds(List<Integer> statements, List<Integer> settings, Map<Integer, Integer> trainEnds, int close,
                       int end) {

    /** The statements of the network whose body begins at or after {@code from}. */
    static StatementBounds ofNetwork(List<SourceToken> code, int from) {
        List<Integer> statementStarts = new ArrayList<>();
        List<Integer> settingStarts = new ArrayList<>();
        Map<Integer, Integer> trainEnds = new LinkedHashMap<>();
        int depth = 0;
        int parens = 0;
        int train = -1;
        int close = -1;
        int i = from;
        for (; i < code.size(); i++) {
            SourceToken t = code.get(i);
            if (t.is(Kind.KEYWORD, "network")) {
                break;
            }
            boolean keywordStart = t.kind() == Kind.KEYWORD && (parens == 0 || code.get(i - 1).endLine() < t.line());
            boolean afterModifier = i > 0 && SymbolIndex.MODIFIERS.contains(code.get(i - 1).text())
                    && code.get(i - 1).kind() == Kind.KEYWORD;
            if (depth == 1 && !afterModifier
                    && (t.startsStatement() || keywordStart && SymbolIndex.STATEMENT_KEYWORDS.contains(t.text()))) {
                statementStarts.add(i);
                parens = 0;
                train = t.text().equals("train") ? i : -1;
            } else if (train >= 0 && depth == 2 && (t.startsStatement() && t.kind() == Kind.KEYWORD
                    || keywordStart && SymbolIndex.SETTING_KEYWORDS.contains(t.text()))) {
                settingStarts.add(i);
                parens = 0;
            }
            if (t.is(Kind.SYMBOL, "{")) {
                depth++;
            } else if (t.is(Kind.SYMBOL, "}")) {
                depth--;
                if (depth == 1 && train >= 0) {
                    trainEnds.put(train, i);
                    train = -1;
                }
                if (depth == 0) {
                    close = i;
                    break;
                }
            } else if (t.is(Kind.SYMBOL, "(") || t.is(Kind.SYMBOL, "[")) {
                parens++;
            } else if (t.is(Kind.SYMBOL, ")") || t.is(Kind.SYMBOL, "]")) {
                parens = Math.max(0, parens - 1);
            }
        }
        return new StatementBounds(statementStarts, settingStarts, trainEnds, close, i);
    }

    /**
     * The last token of the file-level statement ({@code import} or {@code let}) that begins at
     * {@code first}: before the next statement the parser began, or a keyword that starts a line.
     */
    static int endOfFileStatement(List<SourceToken> code, int first) {
        int last = first;
        while (last + 1 < code.size() && !code.get(last + 1).startsStatement()
                && !(code.get(last + 1).kind() == Kind.KEYWORD && code.get(last).endLine() < code.get(last + 1).line())) {
            last++;
        }
        return last;
    }
}
