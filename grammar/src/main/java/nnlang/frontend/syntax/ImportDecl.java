package nnlang.frontend.syntax;

import nnlang.model.SourcePos;

/**
 * {@code import "gates.nn"}: the networks of another file, its path relative to the importing
 * file's folder.
 *
 * @param pathPos where the quoted path is written
 */
public record ImportDecl(String path, SourcePos pathPos, SourcePos pos) {}
