package nnlang.interop.batch;

import nnlang.runtime.Samples;

/** The rows of a data set already in memory, such as a split of the network's MNIST data, with targets. */
public final class SampleRows implements InputRows {

    private final Samples samples;
    private final String description;
    private int next;

    public SampleRows(Samples samples, String description) {
        this.samples = samples;
        this.description = description;
    }

    @Override
    public boolean next(double[] input, double[] target) {
        if (next >= samples.size()) {
            return false;
        }
        samples.input(next, input);
        samples.target(next, target);
        next++;
        return true;
    }

    @Override
    public boolean hasTargets() {
        return true;
    }

    @Override
    public String describe() {
        return description;
    }
}
