package nnlang.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import nnlang.model.Activation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.testing.RandomNetworks;
import org.junit.jupiter.api.Test;

/**
 * Random networks of every kind the model has (every built-in activation, softmax, every formula
 * operation, neurons, element and slice sources, several sources per node, outputs that are
 * slices), and random convolutional networks (convolutions of every padding and stride, max and
 * average pools, channels stacked from two sources), exported to ONNX and run by ONNX Runtime on
 * 1,000 inputs each: the outputs agree with nnlang's {@code predict} to 1e-12 relative difference.
 */
class RandomNetworksInOnnxRuntimeTest {

    static final int NETWORKS = 240;
    static final int INPUTS = 1000;
    static final double BAR = 1e-12;

    @Test
    void everyRandomNetworkGivesNnlangsOutputsInOnnxRuntime() throws Exception {
        Agreement agreement = new Agreement();
        Set<Activation> activations = new HashSet<>();
        int neurons = 0;
        int slices = 0;
        int concatenations = 0;
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.ALL);
            double[] params = Initializer.initialParameters(model);
            Interpreter nnlang = new Interpreter(model);
            nnlang.setParameters(params);
            double[][] inputs = inputs(model.inputSize(), new Random(seed));
            try (OnnxRuntimeSession onnx = new OnnxRuntimeSession(OnnxExport.model(model, params), model)) {
                double[][] outputs = onnx.run(inputs).outputs();
                for (int s = 0; s < inputs.length; s++) {
                    agreement.compare(nnlang.predict(inputs[s]), outputs[s], model.name() + " sample " + s);
                }
            }
            for (Node n : model.nodes()) {
                activations.add(n.activation());
                neurons += n.kind() == Node.Kind.NEURON ? 1 : 0;
                concatenations += n.sources().size() > 1 ? 1 : 0;
                for (Source s : n.sources()) {
                    slices += s.offset() > 0 || s.length() < model.sizeOf(s.node()) ? 1 : 0;
                }
            }
        }
        System.out.println("ONNX Runtime against predict, " + NETWORKS + " random networks: " + agreement);
        assertEquals(RandomNetworks.ALL, activations, "every activation was exported");
        assertTrue(neurons > 100 && slices > 100 && concatenations > 100, neurons + " neurons, " + slices
                + " slice sources, " + concatenations + " nodes with several sources");
        assertTrue(agreement.meets(BAR), agreement.toString());
    }

    @Test
    void everyConvolutionalNetworkGivesNnlangsOutputsInOnnxRuntime() throws Exception {
        Agreement agreement = new Agreement();
        Set<String> kinds = new HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            NetworkModel model = RandomNetworks.convolutional(seed, RandomNetworks.ALL);
            double[] params = Initializer.initialParameters(model);
            Interpreter nnlang = new Interpreter(model);
            nnlang.setParameters(params);
            double[][] inputs = inputs(model.inputSize(), new Random(seed));
            try (OnnxRuntimeSession onnx = new OnnxRuntimeSession(OnnxExport.model(model, params), model)) {
                double[][] outputs = onnx.run(inputs).outputs();
                for (int s = 0; s < inputs.length; s++) {
                    agreement.compare(nnlang.predict(inputs[s]), outputs[s], model.name() + " sample " + s);
                }
            }
            for (Node n : model.nodes()) {
                kinds.add(n.layer().keyword());
            }
        }
        System.out.println("ONNX Runtime against predict, 60 random convolutional networks: " + agreement);
        assertEquals(Set.of("conv", "maxpool", "avgpool", "dense"), kinds, "every layer kind was exported");
        assertTrue(agreement.meets(BAR), agreement.toString());
    }

    /** Rows in [-2, 2], about one value in ten exactly 0.0. */
    static double[][] inputs(int size, Random random) {
        double[][] rows = new double[INPUTS][size];
        for (double[] row : rows) {
            for (int i = 0; i < size; i++) {
                row[i] = random.nextInt(10) == 0 ? 0.0 : 4 * random.nextDouble() - 2;
            }
        }
        return rows;
    }
}
