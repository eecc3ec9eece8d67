package nnlang.frontend.parser;

import java.util.List;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.model.SourcePos;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * The parsing pass: lexes and parses a whole file, reporting every lexical and syntax error it can
 * find (the parser recovers and goes on), and builds the syntax tree only when there were none.
 */
public final class SourceParser {

    private SourceParser() {}

    /**
     * Parses {@code text}. Problems go to {@code reporter} with positions in {@code fileName}.
     *
     * @return the networks in source order, or an empty list when any problem was reported
     */
    public static List<NetworkSyntax> parse(String fileName, String text, Reporter reporter) {
        int before = reporter.count();
        SyntaxErrorListener listener = new SyntaxErrorListener(fileName, reporter);

        NnLexer lexer = new NnLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        reportUnclosed(tokens.getTokens(), fileName, reporter);

        NnParser parser = new NnParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        parser.setErrorHandler(new ExpectingErrorStrategy());
        NnParser.FileContext tree = parser.file();

        if (reporter.count() > before) {
            return List.of();
        }
        return new SyntaxTreeBuilder(fileName).file(tree);
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
