/**
 * The untyped syntax tree: immutable records that say what the source wrote, with positions, and
 * nothing more. The parser package builds them from ANTLR's parse tree; the checker reads them and
 * never sees ANTLR. Names are not resolved and numbers are not range-checked here.
 */
package nnlang.frontend.syntax;
