package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.Source;
import nnlang.model.SourcePos;

/**
 * A resolved reference to values: elements {@code [offset, offset + length)} of flat node number
 * {@code node} (see {@link Declarations}), or of the network input vector when {@code node} is
 * {@link Source#INPUT}.
 *
 * @param pos where the reference is written (for a part's node, the part)
 */
record Slice(int node, int offset, int length, SourcePos pos) {

    boolean isInput() {
        return node == Source.INPUT;
    }

    /** The total number of elements of {@code slices}. */
    static int length(List<Slice> slices) {
        return slices.stream().mapToInt(Slice::length).sum();
    }

    /** Elements {@code [from, from + length)} of the concatenation of {@code slices}, as slices. */
    static List<Slice> cut(List<Slice> slices, int from, int length, SourcePos pos) {
        List<Slice> cut = new ArrayList<>();
        int start = 0;
        for (Slice s : slices) {
            int lo = Math.max(from, start);
            int hi = Math.min(from + length, start + s.length());
            if (lo < hi) {
                cut.add(new Slice(s.node(), s.offset() + lo - start, hi - lo, pos));
            }
            start += s.length();
        }
        return cut;
    }
}
