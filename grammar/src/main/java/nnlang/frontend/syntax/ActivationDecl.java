package nnlang.frontend.syntax;

import nnlang.model.SourcePos;

/** {@code activation NAME(PARAM) = FORMULA}: an activation defined by a formula of one variable. */
public record ActivationDecl(Name name, Name parameter, Formula body, SourcePos pos) {}
