package nnlang.interop.batch;

import java.io.Closeable;
import java.io.IOException;
import nnlang.runtime.data.DataException;

/**
 * The input rows of a batch prediction, read one at a time so that a file of any length takes
 * constant memory. A source that knows each row's target (an MNIST split, a CSV file with target
 * columns) also gives it, so that the prediction can count how many it got right.
 */
public interface InputRows extends Closeable {

    /**
     * Reads the next row's input into {@code input} and, when the source has targets, its target into
     * {@code target}.
     *
     * @return false when there are no more rows
     * @throws DataException naming the file and the record when a row is malformed
     */
    boolean next(double[] input, double[] target) throws DataException;

    /** Whether rows come with targets (then {@link #next} fills {@code target}). */
    boolean hasTargets();

    /** What the rows are, for the summary: {@code data/test.csv}, {@code the test split of MNIST}. */
    String describe();

    @Override
    default void close() throws IOException {}
}
