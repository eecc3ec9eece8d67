package nnlang.lsp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nnlang.frontend.Reporter;
import nnlang.frontend.parser.SourceParser;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;

/**
 * The canonical layout of a {@code .nn} file, the one {@code nnlang format} writes and an editor's
 * "format document" applies. Only whitespace changes: every token, comments included, stays as
 * written and in its order, so the file means what it meant; formatting a formatted file changes
 * nothing. A file with syntax errors is not formatted.
 *
 * <p>The layout, as the examples are written: one statement, train setting or table row per line;
 * four spaces per level of braces, and a table's rows four columns right of its {@code table}
 * keyword; the values of a train block in one column, one space after its longest keyword; the
 * {@code =} of consecutive {@code neuron} and {@code layer} lines in one column, and so of
 * consecutive {@code part} lines and of consecutive {@code let} lines; a layer's {@code weights} and
 * {@code bias} each on a line four columns right of the layer's, each row of the weights under the
 * first, their numbers right-aligned in columns when each is one token; one space around
 * {@code = -> >=} and binary {@code + - * /}, after {@code ,} and {@code :}, none inside brackets,
 * before an argument list or an index, around {@code ^}, {@code ..} and {@code .}, or after a
 * leading minus;
 * at most one blank line in a row, none at the start or end of a block, one between networks. A
 * comment on its own line is indented as the code around it; a comment after code keeps its column
 * unless the code now reaches it. A line comment inside a statement continues the statement on the
 * next line, eight columns right of its start.
 */
public final class Formatter {
    private static final int INDENT = 4;
    private static final int CONTINUATION = 8;
    private static final Set<String> TIGHT_BEFORE = Set.of(",", ":", ";", ")", "]");

    private Formatter() {}

    /**
     * The formatted text, or empty when {@code text} has a syntax error.
     *
     * @throws IllegalStateException if the layout would change the file's tokens, which is a fault
     *                               in the formatter and never a result
     */
    public static Optional<String> format(String text) {
        Reporter reporter = new Reporter();
        SourceParser.parse("format.nn", text, reporter);
        if (reporter.hasErrors()) {
            return Optional.empty();
        }
        List<SourceToken> tokens = SourceParser.tokens(text);
        String newline = text.contains("\r\n") && text.indexOf("\r\n") == text.indexOf('\n') - 1 ? "\r\n" : "\n";
        String formatted = new Layout(tokens).print(newline);
        if (!sameTokens(tokens, SourceParser.tokens(formatted))) {
            throw new IllegalStateException("the layout would change the tokens of the file");
        }
        return Optional.of(formatted);
    }

    /** Whether the file is in its canonical layout; false also when it has a syntax error. */
    public static boolean isFormatted(String text) {
        return format(text).map(text::equals).orElse(false);
    }

    private static boolean sameTokens(List<SourceToken> a, List<SourceToken> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).kind() != b.get(i).kind() || !written(a.get(i)).equals(written(b.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** A token's text as the layout writes it: a line comment loses trailing blanks. */
    private static String written(SourceToken t) {
        return t.kind() == Kind.COMMENT && t.text().startsWith("//") ? t.text().stripTrailing() : t.text();
    }

    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** One pass over the tokens that writes the lines. */
    private static final class Layout {
        /** An open brace: where its content lines start and where its closing brace goes. */
        private record Block(int contentIndent, int closeIndent, boolean network) {}

        private final List<SourceToken> tokens;
        /** The columns the layout lines things up in, and the lines a layer's values start. */
        private final Alignment align;
        /** The column each first row of weights was written at. */
        private final Map<Integer, Integer> rowColumns = new HashMap<>();
        private final List<String> lines = new ArrayList<>();
        private final StringBuilder line = new StringBuilder();
        private final Deque<Block> blocks = new ArrayDeque<>();
        private SourceToken previous;
        private int previousIndex = -1;
        private SourceToken previousCode;
        /** The column previousCode starts at, or -1 when it is on an earlier line. */
        private int previousCodeColumn = -1;
        private SourceToken beforePreviousCode;
        private int statementIndent;
        private boolean breakBeforeNext;
        private boolean blankAfterNetwork;

        Layout(List<SourceToken> tokens) {
            this.tokens = tokens;
            this.align = new Alignment(tokens);
        }

        String print(String newline) {
            for (int i = 0; i < tokens.size(); i++) {
                SourceToken t = tokens.get(i);
                if (t.kind() == Kind.COMMENT) {
                    comment(i);
                } else {
                    code(i);
                }
                previous = t;
                previousIndex = i;
            }
            endLine();
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return String.join(newline, lines) + newline;
        }

        private void code(int index) {
            SourceToken t = tokens.get(index);
            boolean closing = t.is(Kind.SYMBOL, "}");
            boolean emptyBlock = closing && previous != null && previous.is(Kind.SYMBOL, "{");
            boolean starts = previous == null || breakBeforeNext || t.startsStatement() || (closing && !emptyBlock)
                    || align.valueLines().contains(index) || align.rows().containsKey(index);
            if (starts) {
                int indent;
                if (align.valueLines().contains(index)) {
                    indent = statementIndent + INDENT;
                } else if (align.rows().containsKey(index) && rowColumns.containsKey(align.rows().get(index))) {
                    indent = rowColumns.get(align.rows().get(index));
                } else if (closing) {
                    indent = blocks.isEmpty() ? 0 : blocks.peek().closeIndent();
                } else if (t.startsStatement() || previousCode == null || previousCode.is(Kind.SYMBOL, "{")) {
                    indent = contentIndent();
                    statementIndent = indent;
                } else {
                    indent = statementIndent + CONTINUATION;
                }
                startLine(indent, blankBefore(t));
            } else {
                padPrevious();
                line.append(previous.kind() == Kind.COMMENT ? " " : gap(previousCode, t));
            }
            line.append(" ".repeat(align.padBefore().getOrDefault(index, 0)));
            int column = width(line.toString());
            if (align.rows().containsValue(index)) {
                rowColumns.put(index, column);
            }
            line.append(t.text());
            breakBeforeNext = false;
            if (t.is(Kind.SYMBOL, "{")) {
                boolean table = previousCode != null && previousCode.is(Kind.KEYWORD, "table") && previousCodeColumn >= 0;
                blocks.push(table ? new Block(previousCodeColumn + INDENT, previousCodeColumn, false)
                        : new Block(statementIndent + INDENT, statementIndent, blocks.isEmpty()));
            } else if (closing && !blocks.isEmpty()) {
                blankAfterNetwork = blocks.pop().network();
            }
            beforePreviousCode = previousCode;
            previousCode = t;
            previousCodeColumn = column;
        }

        private void comment(int index) {
            SourceToken c = tokens.get(index);
            String text = written(c);
            boolean lineComment = text.startsWith("//");
            boolean afterCode = previous != null && c.line() == previous.endLine() && !line.toString().isBlank();
            SourceToken next = index + 1 < tokens.size() ? tokens.get(index + 1) : null;
            boolean codeFollowsOnLine = next != null && next.line() == c.endLine() && !text.contains("\n");
            if (afterCode && !breakBeforeNext && (lineComment || !codeFollowsOnLine)) {
                int column = Math.max(c.column() - 1, width(line.toString()) + 1);
                line.append(" ".repeat(column - width(line.toString()))).append(text);
                breakBeforeNext = true;
            } else if (afterCode && !breakBeforeNext) {
                line.append(' ').append(text);
            } else {
                SourceToken nextCode = nextCode(index);
                boolean inStatement = nextCode != null && !nextCode.startsStatement() && !nextCode.is(Kind.SYMBOL, "}")
                        && previousCode != null && !previousCode.is(Kind.SYMBOL, "{") && !previousCode.is(Kind.SYMBOL, "}");
                startLine(inStatement ? statementIndent + CONTINUATION : contentIndent(), blankBefore(c));
                line.append(text);
                breakBeforeNext = true;
            }
        }

        /** Whether a blank line goes before a token that starts a line. */
        private boolean blankBefore(SourceToken t) {
            if (lines.isEmpty() && line.isEmpty() || previous != null && previous.is(Kind.SYMBOL, "{")
                    || t.is(Kind.SYMBOL, "}")) {
                return false;
            }
            if (blankAfterNetwork && blocks.isEmpty()) {
                return true;
            }
            return previous != null && t.line() - previous.endLine() > 1;
        }

        private void startLine(int indent, boolean blank) {
            endLine();
            if (blank && !lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
                lines.add("");
            }
            blankAfterNetwork = false;
            line.append(" ".repeat(indent));
            previousCodeColumn = -1;
        }

        private void endLine() {
            if (!line.isEmpty()) {
                String text = line.toString();
                // A block comment over several lines keeps its inner lines as written.
                lines.add(text.contains("\n") ? text : text.stripTrailing());
                line.setLength(0);
            }
        }

        private int contentIndent() {
            return blocks.isEmpty() ? 0 : blocks.peek().contentIndent();
        }

        /** Pads the previous code token to its alignment column when the current one follows it directly. */
        private void padPrevious() {
            if (previous == previousCode && align.padTo().containsKey(previousIndex)) {
                String text = line.toString();
                int target = previousCodeColumn + align.padTo().get(previousIndex);
                line.append(" ".repeat(Math.max(0, target - width(text))));
            }
        }

        private SourceToken nextCode(int index) {
            for (int i = index + 1; i < tokens.size(); i++) {
                if (tokens.get(i).kind() != Kind.COMMENT) {
                    return tokens.get(i);
                }
            }
            return null;
        }

        /** The space between two tokens on one line. */
        private String gap(SourceToken a, SourceToken b) {
            String x = a.text();
            String y = b.text();
            boolean unaryMinus = a.is(Kind.SYMBOL, "-") && !isOperand(beforePreviousCode);
            if (b.kind() == Kind.SYMBOL && TIGHT_BEFORE.contains(y) || a.is(Kind.SYMBOL, "{") && b.is(Kind.SYMBOL, "}")) {
                return "";
            }
            if (a.is(Kind.SYMBOL, "(") || a.is(Kind.SYMBOL, "[") || a.is(Kind.SYMBOL, "^") || a.is(Kind.SYMBOL, "..")
                    || a.is(Kind.SYMBOL, ".") || b.is(Kind.SYMBOL, ".")
                    || a.kind() == Kind.NUMBER && x.endsWith("..")) {
                return "";
            }
            if (b.is(Kind.SYMBOL, "^")) {
                return "";
            }
            if (b.is(Kind.SYMBOL, "..")) {
                return a.kind() == Kind.NUMBER && x.chars().allMatch(Character::isDigit) ? " " : "";
            }
            if (unaryMinus) {
                // "- 2" must not become the number -2, which binds tighter than ^.
                return b.kind() == Kind.NUMBER || y.startsWith("-") ? " " : "";
            }
            if (b.is(Kind.SYMBOL, "(")) {
                return a.kind() == Kind.NAME || a.kind() == Kind.KEYWORD ? "" : " ";
            }
            if (b.is(Kind.SYMBOL, "[")) {
                return a.kind() == Kind.NAME ? "" : " ";
            }
            return " ";
        }

        private static boolean isOperand(SourceToken t) {
            return t != null && (t.kind() == Kind.NAME || t.kind() == Kind.NUMBER || t.is(Kind.SYMBOL, ")"));
        }
    }
}
