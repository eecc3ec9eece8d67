package nnlang.frontend.syntax;

import java.util.Optional;
import nnlang.model.SourcePos;

/**
 * A reference to values a node or the output reads: a whole input, neuron or layer ({@code hidden})
 * or one element of a vector input or layer ({@code hidden[3]}, 0-based).
 */
public record SourceRef(Name name, Optional<NumberLiteral> index, SourcePos pos) {}
