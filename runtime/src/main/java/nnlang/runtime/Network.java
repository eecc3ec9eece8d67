package nnlang.runtime;

/**
 * What every back end implements, the EJML interpreter and the classes the compiler generates, so
 * that the trainer, the command line and Java programs drive any of them the same way. All follow the
 * canonical operation order documented in {@code package-info}, so the same network, seed and data
 * give the same bits from any of them.
 *
 * <p>A network knows its optimizer (the train block's): training is the mini-batch's summed gradient,
 * computed in the canonical order, then one step of that optimizer. {@link #trainBatch} does both at
 * once, as fast as the back end can; {@link #gradient} and {@link #applyGradient} do them apart, for
 * callers that sum a mini-batch's gradient elsewhere (in shards, on other threads or machines), and
 * give exactly the same bits. An optimizer with state (momentum's velocities) keeps it beside the
 * parameters, one value per parameter and slot, laid out as {@link #getOptimizerState} says.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Safe from any number of threads at once: {@link #predict(double[], double[])},
 *       {@link #predict(double[])}, {@link #predict(double[][])} (and a generated facade's
 *       {@code predict} and {@code classify}), and the methods that only read sizes and the layout.
 *       Each thread predicts on scratch buffers of its own, made at its first call; the parameters
 *       are only read. Every prediction is the same bits as on one thread.
 *   <li>Not safe while any other call runs on the instance: everything that changes it,
 *       {@link #trainBatch}, {@link #gradient} (it writes the gradient sums), {@link #applyGradient},
 *       {@link #setParameters} and {@link #setOptimizerState}; predictions that overlap one of these
 *       may see parameters half changed. Changes made before other threads start predicting (for
 *       example, training, then handing the network to a thread pool) are seen by them as any
 *       Java object's are: through whatever orders the two, such as starting a thread or submitting
 *       a task.
 * </ul>
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
     * The forward pass of every input, {@code result[s]} the outputs of {@code inputs[s]}, exactly
     * what {@link #predict(double[])} gives for it. A batch large enough to pay for it is split
     * into contiguous ranges predicted on the common fork-join pool and the calling thread, so it
     * uses every core; a small one runs on the calling thread.
     */
    default double[][] predict(double[][] inputs) {
        return Parallel.predict(this, inputs);
    }

    /**
     * One training step on the samples {@code order[from .. to)} of {@code data}: forward and backward
     * pass for each sample in that order, the gradient summed over the batch, then one step of the
     * optimizer with c = -(rate/m), m = to - from ({@link UpdateRule}). {@code decay} is
     * 1 - rate·l2/n for L2 regularisation and exactly 1.0 without it (then the multiplication is
     * skipped). The parameters of a fixed node ({@code Node#fixed}) and its optimizer state are left
     * as they are; its gradient still passes to the nodes it reads. Gives exactly the bits of
     * {@link #gradient} followed by {@link #applyGradient}.
     *
     * @return the batch's cost: 0.0 plus, for each sample in that order, {@link
     *     nnlang.model.Cost#value} of the outputs of its forward pass (before the update) against its
     *     target, in the softmax form when {@link nnlang.model.NetworkModel#hasSoftmaxOutput()}
     */
    double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay);

    /**
     * {@link #trainBatch(Samples, int[], int, int, double, double)} with its work divided between
     * the threads of {@code threads} as {@code package-info} says ("Training on N threads"): exactly
     * the same bits, the same parameters, state and cost. Runs phases on {@code threads}, one batch
     * at a time. A back end that does not divide its work (the default; {@link #dividesTraining()}
     * false) trains on the calling thread.
     */
    default double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay,
            TrainingThreads threads) {
        return trainBatch(data, order, from, to, rate, decay);
    }

    /**
     * Whether {@link #trainBatch(Samples, int[], int, int, double, double, TrainingThreads)} divides
     * its work between the threads; when false, training on several threads would only add their
     * cost, and the trainer uses one.
     */
    default boolean dividesTraining() {
        return false;
    }

    /** Why this network trains on one thread when {@link #dividesTraining()} is false, as the trainer reports it. */
    default String oneThreadReason() {
        return "this back end trains this network on one thread";
    }

    /**
     * The most threads that a mini-batch of this network is worth dividing between when
     * {@link #dividesTraining()}: the trainer uses no more; {@link Integer#MAX_VALUE} for no limit.
     */
    default int mostTrainingThreads() {
        return Integer.MAX_VALUE;
    }

    /** Why {@link #mostTrainingThreads()} limits the threads, as the trainer reports it; empty without a limit. */
    default String mostTrainingThreadsReason() {
        return "";
    }

    /**
     * The gradient of the cost summed over the samples {@code order[from .. to)}, in parameter
     * order, into {@code dst[0 .. parameterCount())}, without changing the parameters or the
     * optimizer's state: exactly the sums g that {@link #trainBatch} would apply.
     *
     * @return the batch's cost, as {@link #trainBatch} returns it
     */
    double gradient(Samples data, int[] order, int from, int to, double[] dst);

    /**
     * One step of the optimizer with a summed gradient computed elsewhere: {@code gradient} in
     * parameter order, the sum over {@code count} samples; c = -(rate/count) and {@code decay} as in
     * {@link #trainBatch}. Changes the parameters and the optimizer's state as {@link #trainBatch}
     * would with that gradient.
     */
    void applyGradient(double[] gradient, int count, double rate, double decay);

    /** Copies the parameters into {@code dst[0 .. parameterCount())}. */
    void getParameters(double[] dst);

    /** Replaces the parameters by {@code src[0 .. parameterCount())}. */
    void setParameters(double[] src);

    default double[] parameters() {
        double[] p = new double[parameterCount()];
        getParameters(p);
        return p;
    }

    /**
     * The length of the optimizer's state: its slots per parameter times {@link #parameterCount()}
     * (0 for plain SGD and for a network without a train block).
     */
    int optimizerStateSize();

    /**
     * Copies the optimizer's state into {@code dst[0 .. optimizerStateSize())}: slot by slot, each
     * slot one value per parameter in parameter order. A new network's state is all 0.0.
     */
    void getOptimizerState(double[] dst);

    /** Replaces the optimizer's state by {@code src[0 .. optimizerStateSize())}, laid out as {@link #getOptimizerState}. */
    void setOptimizerState(double[] src);
}
