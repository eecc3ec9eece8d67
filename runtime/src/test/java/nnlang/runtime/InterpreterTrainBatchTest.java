package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.testing.ArraySamples;
import nnlang.testing.RandomNetworks;
import nnlang.testing.ReferenceNetwork;
import org.junit.jupiter.api.Test;

/** {@link Interpreter#trainBatch} is exactly {@link Interpreter#gradient} followed by the documented update. */
class InterpreterTrainBatchTest {

    private static final int NETWORKS = 100;

    @Test
    void trainBatchEqualsGradientFollowedByTheManualUpdateBitForBit() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            ArraySamples data = RandomNetworks.samples(model);
            int[] order = reversed(data.size());
            int from = data.size() / 3;
            int to = data.size();
            double rate = 0.7;
            double decay = seed % 2 == 0 ? 1.0 : 0.99;

            Interpreter trained = new Interpreter(model);
            trained.trainBatch(data, order, from, to, rate, decay);

            Interpreter manual = new Interpreter(model);
            double[] g = new double[model.parameterCount()];
            manual.gradient(data, order, from, to, g);
            double[] p = manual.parameters();
            double c = -(rate / (to - from));
            for (Node node : model.nodes()) {
                int w = model.parameterOffset(node.index());
                int b = w + node.size() * node.inputSize();
                for (int i = w; i < b; i++) {
                    p[i] = decay * p[i] + c * g[i];
                }
                for (int i = b; i < b + node.size(); i++) {
                    p[i] = p[i] + c * g[i];
                }
            }
            assertBitIdentical(p, trained.parameters(), model.name());
        }
    }

    @Test
    void weightDecayShrinksWeightsButNotBiases() {
        NetworkModel model = RandomNetworks.layered(3, RandomNetworks.DIFFERENTIABLE);
        ArraySamples data = RandomNetworks.samples(model);
        int[] order = reversed(data.size());
        Interpreter plain = new Interpreter(model);
        Interpreter decayed = new Interpreter(model);
        double[] before = plain.parameters();
        plain.trainBatch(data, order, 0, data.size(), 0.5, 1.0);
        decayed.trainBatch(data, order, 0, data.size(), 0.5, 0.5);
        double[] p = plain.parameters();
        double[] d = decayed.parameters();
        for (Node node : model.nodes()) {
            int w = model.parameterOffset(node.index());
            int b = w + node.size() * node.inputSize();
            for (int i = w; i < b; i++) {
                assertEquals(p[i] - 0.5 * before[i], d[i], 1e-12, "weight " + i + " decayed by half its old value");
            }
            for (int i = b; i < b + node.size(); i++) {
                assertEquals(p[i], d[i], 0.0, "bias " + i + " not decayed");
            }
        }
    }

    @Test
    void aBatchLargerThanTheTrainBlocksGrowsTheBuffersAndStillMatchesTheReference() {
        for (long seed = 0; seed < 40; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            ArraySamples data = RandomNetworks.samples(model);
            int[] order = reversed(data.size());
            Interpreter interpreter = new Interpreter(model);
            ReferenceNetwork reference = new ReferenceNetwork(model);
            int small = model.train().orElseThrow().optimizer().batch();
            double[] costs = {
                interpreter.trainBatch(data, order, 0, small, 0.3, 1.0),
                interpreter.trainBatch(data, order, 0, data.size(), 0.3, 0.999),
                interpreter.trainBatch(data, order, 1, 2, 0.3, 1.0)};
            double[] referenceCosts = {
                reference.trainBatch(data, order, 0, small, 0.3, 1.0),
                reference.trainBatch(data, order, 0, data.size(), 0.3, 0.999),
                reference.trainBatch(data, order, 1, 2, 0.3, 1.0)};
            assertBitIdentical(reference.parameters(), interpreter.parameters(), model.name());
            assertBitIdentical(referenceCosts, costs, model.name() + " batch costs");
        }
    }

    @Test
    void aTrainingStepMovesTheParameters() {
        NetworkModel model = RandomNetworks.dag(5, RandomNetworks.DIFFERENTIABLE);
        ArraySamples data = RandomNetworks.samples(model);
        Interpreter interpreter = new Interpreter(model);
        double[] before = interpreter.parameters();
        interpreter.trainBatch(data, reversed(data.size()), 0, data.size(), 0.5, 1.0);
        assertNotEquals(Arrays.toString(before), Arrays.toString(interpreter.parameters()));
    }

    private static int[] reversed(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return order;
    }
}
