package nnlang.runtime;

import java.util.ArrayList;
import java.util.List;

/** Passes every call to a network and records the {@code trainBatch} calls, with the order as it was then. */
final class RecordingNetwork implements Network {

    /** One {@code trainBatch} call. */
    record Batch(int[] order, int from, int to, double rate, double decay) {}

    private final Network inner;
    final List<Batch> batches = new ArrayList<>();

    RecordingNetwork(Network inner) {
        this.inner = inner;
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }

    @Override
    public ParameterLayout layout() {
        return inner.layout();
    }

    @Override
    public void predict(double[] input, double[] output) {
        inner.predict(input, output);
    }

    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
        batches.add(new Batch(order.clone(), from, to, rate, decay));
        return inner.trainBatch(data, order, from, to, rate, decay);
    }

    @Override
    public double gradient(Samples data, int[] order, int from, int to, double[] dst) {
        return inner.gradient(data, order, from, to, dst);
    }

    @Override
    public void applyGradient(double[] gradient, int count, double rate, double decay) {
        inner.applyGradient(gradient, count, rate, decay);
    }

    @Override
    public int optimizerStateSize() {
        return inner.optimizerStateSize();
    }

    @Override
    public void getOptimizerState(double[] dst) {
        inner.getOptimizerState(dst);
    }

    @Override
    public void setOptimizerState(double[] src) {
        inner.setOptimizerState(src);
    }

    @Override
    public void getParameters(double[] dst) {
        inner.getParameters(dst);
    }

    @Override
    public void setParameters(double[] src) {
        inner.setParameters(src);
    }
}
