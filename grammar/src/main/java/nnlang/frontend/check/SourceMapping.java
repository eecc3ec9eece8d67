package nnlang.frontend.check;

import java.util.List;
import nnlang.model.Source;

/** Maps resolved slices to model {@link Source}s once the topological order is known. */
final class SourceMapping {
    private final int[] modelIndex;

    /** @param order {@code order[k]} = the flat node at model index k */
    SourceMapping(int[] order) {
        modelIndex = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            modelIndex[order[k]] = k;
        }
    }

    /** The model index of flat node {@code flat}. */
    int modelIndex(int flat) {
        return modelIndex[flat];
    }

    /** The model source for {@code slice}: an input slice keeps its offset in the input vector. */
    Source toModel(Slice slice) {
        return slice.isInput() ? new Source(Source.INPUT, slice.offset(), slice.length())
                : new Source(modelIndex[slice.node()], slice.offset(), slice.length());
    }

    List<Source> toModel(List<Slice> slices) {
        return slices.stream().map(this::toModel).toList();
    }
}
