/**
 * Parsing: source text to the syntax tree of {@link nnlang.frontend.syntax}. ANTLR's generated
 * lexer and parser, its error hooks and the one class that walks its parse tree live here, and no
 * ANTLR type leaves this package.
 */
package nnlang.frontend.parser;
