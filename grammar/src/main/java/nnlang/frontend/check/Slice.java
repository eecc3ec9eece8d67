package nnlang.frontend.check;

import nnlang.model.SourcePos;

/** A resolved source reference: elements {@code [offset, offset + length)} of {@code symbol}. */
record Slice(Symbol symbol, int offset, int length, SourcePos pos) {

    /** Whether both slices name at least one common element of the same vector. */
    boolean overlaps(Slice other) {
        boolean sameVector = symbol.input()
                ? other.symbol.input()
                : !other.symbol.input() && symbol.base() == other.symbol.base();
        return sameVector && start() < other.start() + other.length && other.start() < start() + length;
    }

    /** The first element's index in the network input vector, or in the node's activations. */
    private int start() {
        return symbol.input() ? symbol.base() + offset : offset;
    }
}
