package nnlang.frontend.syntax;

/**
 * One token of a source as the front end reads it, comments included, for tools that work on the
 * text itself (an editor's outline and completion, the formatter). Unlike the syntax records it
 * exists for any text, also one with syntax errors: what the parser could not place keeps the kind
 * the lexer gave it.
 *
 * @param kind            what the token is, as the parser read it where it could
 * @param text            the token exactly as written, a comment with its delimiters
 * @param line            1-based line of its first character
 * @param column          1-based column of its first character, counted in code points as in
 *                        diagnostics
 * @param startsStatement whether the parser read it as the first token of an import, a constant
 *                        ({@code let}), a network, one of a network's statements, a train setting or a
 *                        row of a data table
 */
public record SourceToken(Kind kind, String text, int line, int column, boolean startsStatement) {

    /** The kinds of token, coarse enough that new syntax rarely needs a new one. */
    public enum Kind {
        /** A word of the language used as one: {@code network}, {@code layer}, {@code dense}, {@code optimizer}. */
        KEYWORD,
        /**
         * An identifier, or a keyword that may also be a name where the parser read it as one
         * ({@code input} in {@code output input}); also the names of activations, costs and
         * optimizers, which the language writes as names ({@code sigmoid}, {@code sgd}).
         */
        NAME,
        /** A number, or the start of a class range such as {@code 0..}. */
        NUMBER,
        /** A string in double quotes, or one left open at the end of its line. */
        STRING,
        /** A line or block comment, or a block comment left open at the end of the file. */
        COMMENT,
        /** Punctuation and operators: {@code { } ( ) [ ] , : ; = -> >= .. + - * / ^}. */
        SYMBOL
    }

    /** The line of the token's last character: later than {@link #line} for a block comment over several lines. */
    public int endLine() {
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return line + lines;
    }

    public boolean is(Kind kind, String text) {
        return this.kind == kind && this.text.equals(text);
    }
}
