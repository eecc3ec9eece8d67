package nnlang.frontend.check;

import nnlang.model.SourcePos;

/**
 * A name a network declares, in its one name table: an input ({@code base} is its offset in the
 * network input vector), a neuron or layer ({@code base} is its flat node number, see
 * {@link Declarations}), a part ({@code base} is its declaration index) or a constant (not a source).
 *
 * @param size   the number of elements (0 for a constant)
 * @param scalar whether it is a scalar input, which cannot be indexed
 */
record Symbol(String name, Kind kind, int base, int size, boolean scalar, SourcePos pos) {

    enum Kind {
        INPUT,
        NODE,
        PART,
        CONSTANT
    }

    boolean isInput() {
        return kind == Kind.INPUT;
    }
}
