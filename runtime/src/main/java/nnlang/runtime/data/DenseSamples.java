package nnlang.runtime.data;

import java.util.List;
import java.util.Objects;
import nnlang.model.DataSpec;
import nnlang.runtime.Samples;

/**
 * Samples held as doubles, for data sets small enough to keep expanded: inline tables and CSV files.
 * Inputs are one row-major array of {@code size × inputSize} values, targets one of
 * {@code size × targetSize}.
 */
public final class DenseSamples implements Samples {

    private final int size;
    private final int inputSize;
    private final int targetSize;
    private final double[] inputs;
    private final double[] targets;

    /**
     * Takes ownership of both arrays (they are not copied and must not be changed afterwards).
     *
     * @param inputs  {@code size × inputSize} values, sample by sample
     * @param targets {@code size × targetSize} values, sample by sample
     */
    public DenseSamples(int inputSize, int targetSize, double[] inputs, double[] targets) {
        if (inputSize < 1 || targetSize < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inputSize + ", " + targetSize);
        }
        if (inputs.length % inputSize != 0 || targets.length / targetSize != inputs.length / inputSize
                || targets.length % targetSize != 0) {
            throw new IllegalArgumentException(inputs.length + " input values and " + targets.length
                    + " target values do not make whole samples of " + inputSize + " and " + targetSize);
        }
        this.size = inputs.length / inputSize;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.inputs = inputs;
        this.targets = targets;
    }

    /** The samples of an inline table (already checked against the network by the front end). */
    public static DenseSamples of(DataSpec.Table table) {
        List<List<Double>> in = table.inputs();
        List<List<Double>> out = table.targets();
        if (in.isEmpty() || in.size() != out.size()) {
            throw new IllegalArgumentException("a table needs as many target rows as input rows, and at least one");
        }
        return new DenseSamples(in.get(0).size(), out.get(0).size(), flatten(in), flatten(out));
    }

    private static double[] flatten(List<List<Double>> rows) {
        int width = rows.get(0).size();
        double[] flat = new double[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            List<Double> row = rows.get(r);
            if (row.size() != width) {
                throw new IllegalArgumentException("table row " + (r + 1) + " has " + row.size()
                        + " values, the first has " + width);
            }
            for (int c = 0; c < width; c++) {
                flat[r * width + c] = row.get(c);
            }
        }
        return flat;
    }

    /** The samples at {@code indices}, in that order, copied. */
    public DenseSamples subset(int[] indices) {
        double[] in = new double[indices.length * inputSize];
        double[] out = new double[indices.length * targetSize];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(inputs, Objects.checkIndex(indices[k], size) * inputSize, in, k * inputSize, inputSize);
            System.arraycopy(targets, indices[k] * targetSize, out, k * targetSize, targetSize);
        }
        return new DenseSamples(inputSize, targetSize, in, out);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int targetSize() {
        return targetSize;
    }

    /**
     * The inputs, {@code size × inputSize} values sample by sample: this object's own array, not a
     * copy, for code that reads samples where they are (a compiled network's training loop); it must
     * not be changed.
     */
    public double[] inputValues() {
        return inputs;
    }

    /** The targets, {@code size × targetSize} values sample by sample: this object's own array, not to be changed. */
    public double[] targetValues() {
        return targets;
    }

    @Override
    public void input(int index, double[] dst) {
        System.arraycopy(inputs, Objects.checkIndex(index, size) * inputSize, dst, 0, inputSize);
    }

    @Override
    public void target(int index, double[] dst) {
        System.arraycopy(targets, Objects.checkIndex(index, size) * targetSize, dst, 0, targetSize);
    }
}
