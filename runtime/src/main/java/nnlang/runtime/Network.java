package nnlang.runtime;

/**
 * What both back ends implement, the EJML interpreter and the classes the compiler generates, so
 * that the trainer, the command line and Java programs drive either one the same way. Both follow
 * the canonical operation order documented in {@code package-info}, so the same network, seed and
 * data give the same bits from either.
 *
 * <p>Instances hold mutable buffers and are not thread-safe; use one per thread.
 */
public interface Network {

    int inputSize();

    int outputSize();

    /** The names and shapes of the parameter blocks, in the order documented by {@code NetworkModel}. */
    ParameterLayout layout();

    /** Length of the flat parameter vector. */
    default int parameterCount() {
        return layout().parameterCount();
    }

    /** The forward pass for one sample: reads {@code input[0 .. inputSize())}, writes {@code output}. */
    void predict(double[] input, double[] output);

    /** The forward pass for one sample into a new array. */
    default double[] predict(double[] input) {
        double[] output = new double[outputSize()];
        predict(input, output);
        return output;
    }

    /**
     * One step of mini-batch SGD on the samples {@code order[from .. to)} of {@code data}: forward
     * and backward pass for each sample in that order, gradients summed over the batch, then every
     * weight w ← decay·w + (-(rate/m))·g and every bias b ← b + (-(rate/m))·g, m = to - from.
     * {@code decay} is 1 - rate·l2/n for L2 regularisation and exactly 1.0 without it (then the
     * multiplication is skipped). The parameters of a fixed node ({@code Node#fixed}) are left as they
     * are; its gradient still passes to the nodes it reads.
     *
     * @return the batch's cost: 0.0 plus, for each sample in that order, {@link
     *     nnlang.model.Cost#value} of the outputs of its forward pass (before the update) against its
     *     target, in the softmax form when {@link nnlang.model.NetworkModel#hasSoftmaxOutput()}
     */
    double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay);

    /**
     * The gradient of the cost summed over the samples {@code order[from .. to)}, in parameter
     * order, into {@code dst[0 .. parameterCount())}, without changing the parameters: exactly the
     * sums g that {@link #trainBatch} would apply. For gradient checks and tools.
     */
    void gradient(Samples data, int[] order, int from, int to, double[] dst);

    /** Copies the parameters into {@code dst[0 .. parameterCount())}. */
    void getParameters(double[] dst);

    /** Replaces the parameters by {@code src[0 .. parameterCount())}. */
    void setParameters(double[] src);

    default double[] parameters() {
        double[] p = new double[parameterCount()];
        getParameters(p);
        return p;
    }
}
