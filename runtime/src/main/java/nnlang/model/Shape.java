package nnlang.model;

import java.util.List;

/**
 * The shape of a vector of values, outermost dimension first: {@code [784]} for a flat vector,
 * {@code [28, 28]} for an image, {@code [20, 24, 24]} for 20 channels of 24 × 24. The values are
 * stored flat, the last dimension varying fastest (row-major), so a shape says how to read a flat
 * vector, never how long it is in another way: {@link #size()} is the product of the dimensions.
 */
public record Shape(List<Integer> dims) {

    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("a shape has at least one dimension");
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("bad shape " + dims);
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    /** The number of values: the product of the dimensions. */
    public int size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    public int rank() {
        return dims.size();
    }

    public int dim(int k) {
        return dims.get(k);
    }

    /** As the language writes it: {@code 20 x 24 x 24}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < dims.size(); k++) {
            s.append(k == 0 ? "" : " x ").append(dims.get(k));
        }
        return s.toString();
    }
}
