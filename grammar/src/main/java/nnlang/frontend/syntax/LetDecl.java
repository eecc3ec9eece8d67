package nnlang.frontend.syntax;

import nnlang.model.SourcePos;

/**
 * {@code let NAME = FORMULA}: a constant, at file level (for every network of the file) or in a
 * network (for that network; a part that uses the network may set it).
 */
public record LetDecl(Name name, Formula value, SourcePos pos) {}
