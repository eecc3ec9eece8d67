package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import nnlang.testing.ArraySamples;
import nnlang.testing.MiniBatches;
import nnlang.testing.RandomNetworks;
import nnlang.testing.ReferenceNetwork;
import org.junit.jupiter.api.Test;

/**
 * Pins the canonical operation order: on random networks of every kind the interpreter computes
 * exactly the bits of the per-sample {@link ReferenceNetwork}, forward and through training.
 */
class InterpreterMatchesReferenceTest {

    private static final int NETWORKS = 300;

    @Test
    void forwardOutputsAreBitIdenticalToThePerSampleReference() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            ArraySamples data = RandomNetworks.samples(model);
            Interpreter interpreter = new Interpreter(model);
            ReferenceNetwork reference = new ReferenceNetwork(model);
            double[] x = new double[model.inputSize()];
            for (int s = 0; s < data.size(); s++) {
                data.input(s, x);
                assertBitIdentical(reference.predict(x), interpreter.predict(x), model.name() + " sample " + s);
            }
        }
    }

    @Test
    void batchGradientsAreBitIdenticalToPerSampleAccumulationInBatchOrder() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            ArraySamples data = RandomNetworks.samples(model);
            int[] order = MiniBatches.inOrder(data.size());
            double[] expected = new double[model.parameterCount()];
            double[] actual = new double[model.parameterCount()];
            new ReferenceNetwork(model).gradient(data, order, 0, data.size(), expected);
            new Interpreter(model).gradient(data, order, 0, data.size(), actual);
            assertBitIdentical(expected, actual, model.name() + " gradient");
        }
    }

    @Test
    void parametersAndOutputsAfterSeveralEpochsAreBitIdenticalToTheReference() {
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            ArraySamples data = RandomNetworks.samples(model);
            TrainSpec train = model.train().orElseThrow();
            Interpreter interpreter = new Interpreter(model);
            ReferenceNetwork reference = new ReferenceNetwork(model);
            MiniBatches.train(interpreter, train.optimizer(), data, train.epochs(), seed);
            MiniBatches.train(reference, train.optimizer(), data, train.epochs(), seed);
            assertBitIdentical(reference.parameters(), interpreter.parameters(), model.name() + " parameters");
            double[] x = new double[model.inputSize()];
            data.input(0, x);
            assertBitIdentical(reference.predict(x), interpreter.predict(x), model.name() + " trained output");
        }
    }

    @Test
    void theRandomNetworksCoverEveryCaseTheCanonicalOrderDistinguishes() {
        Set<Activation> activations = new HashSet<>();
        Set<Cost> costs = EnumSet.noneOf(Cost.class);
        int consumedOutputs = 0;
        int slicedSources = 0;
        int wideNodes = 0;
        int dividing = 0;
        int notDividing = 0;
        int decayed = 0;
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            TrainSpec train = model.train().orElseThrow();
            costs.add(train.cost());
            for (Node node : model.nodes()) {
                activations.add(node.activation());
                wideNodes += node.size() >= 15 || node.inputSize() >= 15 ? 1 : 0;
                for (Source s : node.sources()) {
                    slicedSources += s.length() < model.sizeOf(s.node()) ? 1 : 0;
                }
            }
            for (Source s : model.output().sources()) {
                consumedOutputs += model.isConsumed(s.node()) ? 1 : 0;
            }
            int n = RandomNetworks.samples(model).size();
            if (n % train.optimizer().batch() == 0) {
                dividing++;
            } else {
                notDividing++;
            }
            decayed += train.optimizer().l2() > 0 ? 1 : 0;
        }
        assertEquals(RandomNetworks.ALL, activations);
        assertEquals(EnumSet.allOf(Cost.class), costs);
        assertTrue(consumedOutputs >= 20, "outputs also read by later nodes: " + consumedOutputs);
        assertTrue(slicedSources >= 50, "sliced sources: " + slicedSources);
        assertTrue(wideNodes >= 20, "nodes past EJML's 15-column kernel switch: " + wideNodes);
        assertTrue(dividing >= 20 && notDividing >= 20, "batches dividing " + dividing + ", not " + notDividing);
        assertTrue(decayed >= 20, "networks with weight decay: " + decayed);
    }
}
