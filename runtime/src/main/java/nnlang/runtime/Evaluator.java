package nnlang.runtime;

import java.util.List;
import java.util.Optional;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Output;
import nnlang.model.Source;

/**
 * Measures a network on a data set through {@link Network#predict}: the cost of each sample by
 * {@link Cost#value} (with the log-likelihood form when the output is exactly one softmax node),
 * summed in index order and divided by the number of samples; and the number of samples it gets
 * right. The samples' forward passes may run on several threads; the sum does not depend on it.
 */
public final class Evaluator {

    private final Cost cost;
    private final boolean softmax;
    private final Optional<List<String>> classes;

    /** Measures networks of {@code model} by {@code cost} (the train block's). */
    public Evaluator(NetworkModel model, Cost cost) {
        this.cost = cost;
        this.softmax = model.hasSoftmaxOutput();
        this.classes = model.output().classes();
    }

    /**
     * {@code network} on every sample of {@code samples}, reported as the data set {@code set}, on
     * every core: {@link #evaluate(Network, Samples, Evaluation.DataSet, int)}.
     */
    public Evaluation evaluate(Network network, Samples samples, Evaluation.DataSet set) {
        return evaluate(network, samples, set, Parallel.processors());
    }

    /**
     * The evaluation of {@code samples}, each sample's forward pass, cost and class on one of
     * {@code threads} threads (in contiguous ranges when the set is large enough), then the costs
     * summed from 0.0 in index order and the right ones counted on the calling thread: the same
     * bits on any number of threads.
     */
    public Evaluation evaluate(Network network, Samples samples, Evaluation.DataSet set, int threads) {
        int n = samples.size();
        double[] costs = new double[n];
        int[] actual = new int[n];
        int[] predicted = new int[n];
        boolean classifier = classes.isPresent();
        Parallel.forRanges(n, network.parameterCount(), threads, (from, to) -> {
            double[] x = new double[samples.inputSize()];
            double[] y = new double[samples.targetSize()];
            double[] a = new double[network.outputSize()];
            for (int s = from; s < to; s++) {
                samples.input(s, x);
                samples.target(s, y);
                network.predict(x, a);
                costs[s] = cost.value(a, y, softmax);
                if (classifier) {
                    actual[s] = argmax(y);
                    predicted[s] = argmax(a);
                } else {
                    predicted[s] = allWithinHalf(a, y) ? 1 : 0;
                }
            }
        });
        Optional<ConfusionMatrix> confusion = classes.map(ConfusionMatrix::new);
        double sum = 0.0;
        int correct = 0;
        for (int s = 0; s < n; s++) {
            sum += costs[s];
            if (classifier) {
                confusion.get().add(actual[s], predicted[s]);
                correct += actual[s] == predicted[s] ? 1 : 0;
            } else {
                correct += predicted[s];
            }
        }
        return new Evaluation(set, n, correct, sum / n, confusion);
    }

    /** The index of the largest element, the first one on ties. */
    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    private static boolean allWithinHalf(double[] a, double[] y) {
        for (int k = 0; k < a.length; k++) {
            if (!(Math.abs(a[k] - y[k]) < 0.5)) {
                return false;
            }
        }
        return true;
    }
}
