package nnlang.runtime;

/**
 * A data set of samples, each an input vector and a target vector, read by index. Implementations
 * keep their data compactly (e.g. bytes for images) and expand one sample at a time into the
 * caller's buffers, so that neither back end needs the whole set as {@code double}s.
 */
public interface Samples {

    int size();

    int inputSize();

    int targetSize();

    /** Writes sample {@code index}'s input into {@code dst[0 .. inputSize())}. */
    void input(int index, double[] dst);

    /** Writes sample {@code index}'s target into {@code dst[0 .. targetSize())}. */
    void target(int index, double[] dst);
}
