package nnlang.frontend.check;

import nnlang.model.SourcePos;

/**
 * Something a source reference can name: an input (then {@code base} is its offset in the network
 * input vector) or a neuron or layer (then {@code base} is its declaration index).
 *
 * @param size   the number of elements
 * @param scalar whether it is a scalar input, which cannot be indexed
 */
record Symbol(String name, boolean input, int base, int size, boolean scalar, SourcePos pos) {}
