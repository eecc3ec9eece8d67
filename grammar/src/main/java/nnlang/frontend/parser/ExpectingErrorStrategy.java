package nnlang.frontend.parser;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (single-token insertion and deletion, then resynchronisation), with messages
 * that say what was found and what was expected in the language's words: the soft keywords that
 * may also be names are folded into "a name", and a missing token, or an unexpected one on a later
 * line, is reported just after the token it should follow rather than at the start of the next line.
 */
final class ExpectingErrorStrategy extends DefaultErrorStrategy {
    /** Tokens that start a statement or end a block: where an unfinished statement shows. */
    private static final IntervalSet STATEMENT_BOUNDARIES = IntervalSet.of(Token.EOF);

    static {
        for (int type : new int[] {NnLexer.RBRACE, NnLexer.NETWORK, NnLexer.INPUT, NnLexer.NEURON, NnLexer.LAYER, NnLexer.OUTPUT,
                NnLexer.TRAIN, NnLexer.DATA, NnLexer.COST, NnLexer.OPTIMIZER, NnLexer.SCHEDULE, NnLexer.EPOCHS, NnLexer.INIT,
                NnLexer.SEED, NnLexer.REPORT, NnLexer.THREADS, NnLexer.EXPECT, NnLexer.IMPORT, NnLexer.LET, NnLexer.PART, NnLexer.FIXED,
                NnLexer.TRAINABLE, NnLexer.SHARDS}) {
            STATEMENT_BOUNDARIES.add(type);
        }
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        reportUnexpected(parser, e.getOffendingToken(), e.getExpectedTokens(), e);
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        reportUnexpected(parser, e.getOffendingToken(), e.getExpectedTokens(), e);
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        reportUnexpected(parser, parser.getCurrentToken(), getExpectedTokens(parser), null);
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token current = parser.getCurrentToken();
        String message = "expected " + describe(parser, getExpectedTokens(parser)) + " before " + describe(current);
        parser.notifyErrorListeners(afterPrevious(parser, current), message, null);
    }

    /**
     * When the unexpected token opens a statement (or closes a block) on a later line than the
     * token before it, the statement above is what is unfinished, so the error is placed at its end.
     */
    private void reportUnexpected(Parser parser, Token token, IntervalSet expected, RecognitionException e) {
        Token previous = parser.getInputStream().LT(-1);
        if (previous != null && previous.getType() != Token.EOF && token.getLine() > previous.getLine()
                && STATEMENT_BOUNDARIES.contains(token.getType())) {
            String message = "expected " + describe(parser, expected) + " after '" + previous.getText() + "'";
            parser.notifyErrorListeners(afterPrevious(parser, token), message, e);
            return;
        }
        String message = "unexpected " + describe(token) + "; expected " + describe(parser, expected);
        parser.notifyErrorListeners(token, message, e);
    }

    /** A one-character position just after the token before {@code current}, or current itself. */
    private static Token afterPrevious(Parser parser, Token current) {
        Token previous = parser.getInputStream().LT(-1);
        if (previous == null || previous.getType() == Token.EOF) {
            return current;
        }
        CommonToken at = new CommonToken(current);
        int end = previous.getStopIndex() + 1;
        at.setLine(previous.getLine());
        at.setCharPositionInLine(previous.getCharPositionInLine() + (end - previous.getStartIndex()));
        at.setStartIndex(end);
        at.setStopIndex(end);
        return at;
    }

    private static String describe(Token token) {
        return token.getType() == Token.EOF ? "end of file" : "'" + token.getText() + "'";
    }

    /** "a name, ',' or ')'": the expected token kinds in words. */
    private static String describe(Parser parser, IntervalSet expected) {
        IntervalSet nameStarts = parser.getATN().nextTokens(parser.getATN().ruleToStartState[NnParser.RULE_name]);
        boolean nameExpected = expected.contains(NnParser.ID);
        // Where a number is expected, a formula may stand: its '(' and '-' are part of "a number".
        boolean numberExpected = expected.contains(NnParser.NUMBER);
        List<String> words = new ArrayList<>();
        if (nameExpected) {
            words.add("a name");
        }
        for (int type : expected.toList()) {
            if (nameExpected && nameStarts.contains(type)
                    || numberExpected && (type == NnParser.LPAREN || type == NnParser.MINUS)) {
                continue;
            }
            words.add(switch (type) {
                case Token.EOF -> "end of file";
                case NnParser.NUMBER -> "a number";
                case NnParser.STRING -> "a string";
                case NnParser.RANGE_START -> "a range such as 0..9";
                default -> parser.getVocabulary().getDisplayName(type);
            });
        }
        if (words.isEmpty()) {
            return "something else";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
