package nnlang.frontend.check;

import nnlang.model.Source;

/** Maps resolved slices to model {@link Source}s once the topological order is known. */
final class SourceMapping {
    private final int[] modelIndex;

    /** @param order {@code order[k]} = the declaration index of the node at model index k */
    SourceMapping(int[] order) {
        modelIndex = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            modelIndex[order[k]] = k;
        }
    }

    /** The model source for {@code slice}: an input slice keeps its offset in the input vector. */
    Source toModel(Slice slice) {
        Symbol symbol = slice.symbol();
        return symbol.input()
                ? new Source(Source.INPUT, symbol.base() + slice.offset(), slice.length())
                : new Source(modelIndex[symbol.base()], slice.offset(), slice.length());
    }
}
