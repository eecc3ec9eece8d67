package nnlang.frontend.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import nnlang.frontend.Reporter;
import java.util.Optional;
import nnlang.frontend.syntax.FileSyntax;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.SourceToken;
import nnlang.model.SourcePos;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The parsing pass: lexes and parses a whole file, reporting every lexical and syntax error it can
 * find (the parser recovers and goes on), and builds the syntax tree only when there were none.
 * Brackets nested deeper than {@link #MAX_NESTING} are a syntax error found before parsing: the
 * parser and every pass after it walk nested formulas recursively, and the limit keeps that within
 * any thread's stack.
 */
public final class SourceParser {

    /** The deepest nesting of brackets accepted: far beyond what a person writes. */
    static final int MAX_NESTING = 100;

    private SourceParser() {}

    /**
     * Parses {@code text}. Problems go to {@code reporter} with positions in {@code fileName}.
     *
     * @return the file's imports, constants and networks, or empty when any problem was reported
     */
    public static Optional<FileSyntax> parse(String fileName, String text, Reporter reporter) {
        int before = reporter.count();
        SyntaxErrorListener listener = new SyntaxErrorListener(fileName, reporter);

        NnLexer lexer = new SubtractingLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        reportUnclosed(tokens.getTokens(), fileName, reporter);
        if (reportDeepNesting(tokens.getTokens(), fileName, reporter)) {
            return Optional.empty();
        }

        NnParser parser = new NnParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        parser.setErrorHandler(new ExpectingErrorStrategy());
        NnParser.FileContext tree = parser.file();

        if (reporter.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new SyntaxTreeBuilder(fileName).file(tree));
    }

    /**
     * Reports the first bracket ({@code ( [ {}) that opens more than {@link #MAX_NESTING} levels deep, and
     * more than that many prefix minus signs in a row (each one more level of a formula); returns whether
     * it reported.
     */
    private static boolean reportDeepNesting(List<Token> tokens, String fileName, Reporter reporter) {
        int depth = 0;
        int minuses = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            if (type == NnLexer.LPAREN || type == NnLexer.LBRACE || t.getText().equals("[")) {
                depth++;
            } else if (type == NnLexer.RPAREN || type == NnLexer.RBRACE || t.getText().equals("]")) {
                depth = Math.max(0, depth - 1);
            }
            minuses = type == NnLexer.MINUS || t.getText().equals("^") ? minuses + 1 : 0;
            if (depth > MAX_NESTING || minuses > MAX_NESTING) {
                reporter.error("syntax", new SourcePos(fileName, t.getLine(), t.getCharPositionInLine() + 1,
                        Math.max(1, t.getText().length())), "brackets or operators nested more than " + MAX_NESTING
                        + " deep", "split the expression with let constants");
                return true;
            }
        }
        return false;
    }

    /**
     * Every token of {@code text}, comments included, in source order, each with the kind the parser
     * gave it: a keyword the parser read as a name is a {@link SourceToken.Kind#NAME}, and the first
     * token of each import, constant, network, statement, train setting and table row says so. Text with syntax errors
     * gets the same recovery as {@link #parse}; a character the lexer rejects is no token. Never throws
     * on any text (as deep as {@link #parse} can go on the calling thread's stack).
     */
    public static List<SourceToken> tokens(String text) {
        NnLexer lexer = new SubtractingLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        NnParser parser = new NnParser(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(new ExpectingErrorStrategy());
        NnParser.FileContext tree = parser.file();

        BitSet names = new BitSet();
        BitSet starts = new BitSet();
        Deque<ParseTree> pending = new ArrayDeque<>(List.of(tree));
        while (!pending.isEmpty()) {
            ParseTree node = pending.pop();
            if (node instanceof ParserRuleContext ctx) {
                // A rule that matched nothing still has a start token: the one it stopped at.
                int first = ctx.getChildCount() > 0 && ctx.getChild(0) instanceof TerminalNode t
                        && !(t instanceof ErrorNode) && t.getSymbol() == ctx.getStart()
                        ? ctx.getStart().getTokenIndex() : -1;
                if (ctx instanceof NnParser.NameContext && first >= 0) {
                    names.set(first);
                } else if (ctx instanceof NnParser.NamedArgContext arg && arg.TRAIN() != null) {
                    names.set(arg.TRAIN().getSymbol().getTokenIndex());
                } else if (first >= 0 && (ctx instanceof NnParser.NetworkContext || ctx instanceof NnParser.StatementContext
                        || ctx instanceof NnParser.ImportStatementContext || ctx instanceof NnParser.LetStatementContext
                        || ctx instanceof NnParser.TrainSettingContext || ctx instanceof NnParser.TableRowContext)) {
                    starts.set(first);
                }
                for (int i = 0; i < ctx.getChildCount(); i++) {
                    pending.push(ctx.getChild(i));
                }
            }
        }

        List<SourceToken> result = new ArrayList<>();
        for (Token t : stream.getTokens()) {
            if (t.getType() == Token.EOF) {
                continue;
            }
            int index = t.getTokenIndex();
            result.add(new SourceToken(kind(t.getType(), names.get(index)), t.getText(), t.getLine(),
                    t.getCharPositionInLine() + 1, starts.get(index)));
        }
        return result;
    }

    private static SourceToken.Kind kind(int type, boolean readAsName) {
        switch (type) {
            case NnLexer.ID:
                return SourceToken.Kind.NAME;
            case NnLexer.NUMBER:
            case NnLexer.RANGE_START:
                return SourceToken.Kind.NUMBER;
            case NnLexer.STRING:
            case NnLexer.UNCLOSED_STRING:
                return SourceToken.Kind.STRING;
            case NnLexer.LINE_COMMENT:
            case NnLexer.BLOCK_COMMENT:
            case NnLexer.UNCLOSED_COMMENT:
                return SourceToken.Kind.COMMENT;
            default:
                String literal = NnLexer.VOCABULARY.getLiteralName(type);
                boolean word = literal != null && literal.length() > 2
                        && Character.isLetter(literal.charAt(1));
                return !word ? SourceToken.Kind.SYMBOL : readAsName ? SourceToken.Kind.NAME : SourceToken.Kind.KEYWORD;
        }
    }

    /**
     * The lexer, except that a negative NUMBER right after an operand (a name, a number or {@code )})
     * becomes MINUS and the number without its sign: {@code z-1} subtracts. Nowhere else in the
     * language can an operand precede a number, so this changes the meaning of formulas only.
     */
    private static final class SubtractingLexer extends NnLexer {
        private final Deque<Token> pending = new ArrayDeque<>();
        private int previous = Token.INVALID_TYPE;

        SubtractingLexer(CharStream input) {
            super(input);
        }

        @Override
        public Token nextToken() {
            Token t = pending.isEmpty() ? super.nextToken() : pending.poll();
            if (t.getType() == NUMBER && t.getText().startsWith("-")
                    && (previous == ID || previous == NUMBER || previous == RPAREN)) {
                CommonToken minus = new CommonToken(t);
                minus.setType(MINUS);
                minus.setText("-");
                minus.setStopIndex(t.getStartIndex());
                CommonToken number = new CommonToken(t);
                number.setText(t.getText().substring(1));
                number.setStartIndex(t.getStartIndex() + 1);
                number.setCharPositionInLine(t.getCharPositionInLine() + 1);
                pending.add(number);
                t = minus;
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                previous = t.getType();
            }
            return t;
        }
    }

    /** Strings and block comments left open are hidden from the parser and reported here. */
    private static void reportUnclosed(List<Token> tokens, String fileName, Reporter reporter) {
        for (Token t : tokens) {
            if (t.getType() == NnLexer.UNCLOSED_STRING) {
                reporter.error("syntax", new SourcePos(fileName, t.getLine(), t.getCharPositionInLine() + 1,
                        t.getText().length()), "string is not closed before the end of the line",
                        "strings end with \" on the line they start");
            } else if (t.getType() == NnLexer.UNCLOSED_COMMENT) {
                reporter.error("syntax", new SourcePos(fileName, t.getLine(), t.getCharPositionInLine() + 1, 2),
                        "block comment is not closed before the end of the file", "close it with */");
            }
        }
    }
}
