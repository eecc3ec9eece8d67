package nnlang.runtime;

import java.util.List;
import java.util.Optional;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Output;
import nnlang.model.Source;

/**
 * Measures a network on a data set through {@link Network#predict}, one sample at a time in index
 * order: the cost of each sample by {@link Cost#value} (with the log-likelihood form when the output
 * is exactly one softmax node), summed in index order and divided by the number of samples; and the
 * number of samples it gets right.
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

    /** {@code network} on every sample of {@code samples}, reported as the data set {@code set}. */
    public Evaluation evaluate(Network network, Samples samples, Evaluation.DataSet set) {
        double[] x = new double[samples.inputSize()];
        double[] y = new double[samples.targetSize()];
        double[] a = new double[network.outputSize()];
        Optional<ConfusionMatrix> confusion = classes.map(ConfusionMatrix::new);
        double sum = 0.0;
        int correct = 0;
        for (int s = 0; s < samples.size(); s++) {
            samples.input(s, x);
            samples.target(s, y);
            network.predict(x, a);
            sum += cost.value(a, y, softmax);
            if (confusion.isPresent()) {
                int actual = argmax(y);
                int predicted = argmax(a);
                confusion.get().add(actual, predicted);
                correct += actual == predicted ? 1 : 0;
            } else {
                correct += allWithinHalf(a, y) ? 1 : 0;
            }
        }
        return new Evaluation(set, samples.size(), correct, sum / samples.size(), confusion);
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
