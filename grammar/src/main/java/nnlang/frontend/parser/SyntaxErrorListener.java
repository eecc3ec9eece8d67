package nnlang.frontend.parser;

import nnlang.frontend.Reporter;
import nnlang.model.SourcePos;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Turns ANTLR's lexer and parser errors into {@code syntax} diagnostics. ANTLR columns are 0-based;
 * diagnostic columns are 1-based. Parser messages come already worded from
 * {@link ExpectingErrorStrategy}; lexer messages are worded here.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private final String fileName;
    private final Reporter reporter;

    SyntaxErrorListener(String fileName, Reporter reporter) {
        this.fileName = fileName;
        this.reporter = reporter;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                            int charPositionInLine, String msg, RecognitionException e) {
        if (recognizer instanceof Lexer lexer && e instanceof LexerNoViableAltException lexError) {
            int start = lexError.getStartIndex();
            String character = lexer.getInputStream().getText(Interval.of(start, start));
            reporter.error("syntax", new SourcePos(fileName, line, charPositionInLine + 1, 1),
                    "unexpected character " + quote(character));
            return;
        }
        int length = 1;
        if (offendingSymbol instanceof Token token && token.getType() != Token.EOF) {
            length = Math.max(1, token.getStopIndex() - token.getStartIndex() + 1);
        }
        reporter.error("syntax", new SourcePos(fileName, line, charPositionInLine + 1, length), msg);
    }

    /** A character in quotes, or its code point when it would not print. */
    private static String quote(String character) {
        if (character.isEmpty()) {
            return "at the end of the file";
        }
        int c = character.codePointAt(0);
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("U+%04X", c);
        }
        return "'" + character + "'";
    }
}
