package nnlang.frontend.syntax;

import nnlang.model.SourcePos;

/** An identifier as written, with where it was written. */
public record Name(String text, SourcePos pos) {}
