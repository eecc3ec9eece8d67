package nnlang.testing;

import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;

/** The cost a gradient check differentiates numerically. */
public final class TotalCost {

    private TotalCost() {}

    /**
     * Σ over the samples, in index order, of the per-sample cost of the model's train block, with
     * the network's parameters set to {@code theta}.
     */
    public static double of(Network network, double[] theta, NetworkModel model, Samples data) {
        network.setParameters(theta);
        Cost cost = model.train().orElseThrow().cost();
        boolean softmax = model.hasSoftmaxOutput();
        double[] x = new double[data.inputSize()];
        double[] y = new double[data.targetSize()];
        double sum = 0.0;
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            data.target(s, y);
            sum += cost.value(network.predict(x), y, softmax);
        }
        return sum;
    }
}
