package nnlang.testing;

import java.util.List;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.runtime.Samples;

/** Samples held in memory as {@code double} rows: for tests and for the tables written in sources. */
public final class ArraySamples implements Samples {

    private final double[][] inputs;
    private final double[][] targets;

    /** Keeps the given rows (not copied); all input rows have one length, all target rows another. */
    public ArraySamples(double[][] inputs, double[][] targets) {
        if (inputs.length != targets.length || inputs.length == 0) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + targets.length + " targets");
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    /** The samples of the {@code table { ... }} data block of a model's train block. */
    public static ArraySamples of(NetworkModel model) {
        return of((DataSpec.Table) model.train().orElseThrow().data());
    }

    /** The samples of a {@code table { ... }} data block. */
    public static ArraySamples of(DataSpec.Table table) {
        return new ArraySamples(toArray(table.inputs()), toArray(table.targets()));
    }

    private static double[][] toArray(List<List<Double>> rows) {
        return rows.stream().map(r -> r.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    @Override
    public int size() {
        return inputs.length;
    }

    @Override
    public int inputSize() {
        return inputs[0].length;
    }

    @Override
    public int targetSize() {
        return targets[0].length;
    }

    @Override
    public void input(int index, double[] dst) {
        System.arraycopy(inputs[index], 0, dst, 0, inputs[index].length);
    }

    @Override
    public void target(int index, double[] dst) {
        System.arraycopy(targets[index], 0, dst, 0, targets[index].length);
    }
}
