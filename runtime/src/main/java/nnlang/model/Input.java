package nnlang.model;

import java.util.List;

/**
 * One {@code input} declaration: a named slice {@code [offset, offset + size)} of the network's
 * input vector. Scalar inputs ({@code input x1, x2}) have an empty shape and size 1; vector inputs
 * ({@code input 784}, {@code input image[28 x 28]}) have their shape, whose product is the size.
 * The network's input vector is all declarations concatenated in source order.
 */
public record Input(String name, int offset, List<Integer> shape, SourcePos pos) {
    public Input {
        shape = List.copyOf(shape);
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public boolean isScalar() {
        return shape.isEmpty();
    }
}
