package nnlang.model;

/**
 * A contiguous slice of a value vector that feeds a node or the network output: elements
 * {@code [offset, offset + length)} of the network input (when {@code node == INPUT}) or of the
 * activation vector of node number {@code node}.
 */
public record Source(int node, int offset, int length) {
    /** The {@code node} value that stands for the network's input vector. */
    public static final int INPUT = -1;

    public Source {
        if (node < INPUT || offset < 0 || length < 1) {
            throw new IllegalArgumentException("bad source " + node + "[" + offset + ", +" + length + ")");
        }
    }

    public boolean isInput() {
        return node == INPUT;
    }
}
