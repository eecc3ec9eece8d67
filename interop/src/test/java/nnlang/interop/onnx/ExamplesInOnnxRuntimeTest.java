package nnlang.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import nnlang.interop.Examples;
import nnlang.interop.Examples.Example;
import nnlang.model.NetworkModel;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import org.junit.jupiter.api.Test;

/**
 * Every example exported to ONNX and run by ONNX Runtime on 1,000 random inputs: the outputs agree
 * with nnlang's {@code predict} (see {@link Agreement} for the bar); and on all 10,000 MNIST test
 * images both MNIST networks predict the same digit in both.
 */
class ExamplesInOnnxRuntimeTest {

    @Test
    void everyExampleGivesNnlangsOutputsInOnnxRuntime() throws Exception {
        Agreement agreement = new Agreement();
        for (Example example : Examples.all()) {
            NetworkModel model = example.model();
            Network nnlang = predictor(example);
            double[][] inputs = RandomNetworksInOnnxRuntimeTest.inputs(model.inputSize(), new Random(model.name().hashCode()));
            try (OnnxRuntimeSession onnx = new OnnxRuntimeSession(OnnxExport.model(model, example.parameters()), model)) {
                double[][] outputs = onnx.run(inputs).outputs();
                for (int s = 0; s < inputs.length; s++) {
                    agreement.compare(nnlang.predict(inputs[s]), outputs[s], model.name() + " sample " + s);
                }
            }
        }
        System.out.println("ONNX Runtime against predict, " + Examples.all().size() + " example networks: " + agreement);
        assertTrue(agreement.meets(RandomNetworksInOnnxRuntimeTest.BAR), agreement.toString());
    }

    @Test
    void bothMnistNetworksPredictTheSameDigitForEveryTestImage() throws Exception {
        for (Example example : Examples.mnist()) {
            NetworkModel model = example.model();
            Samples test = example.test().orElseThrow();
            Network nnlang = predictor(example);
            Agreement agreement = new Agreement();
            int same = 0;
            try (OnnxRuntimeSession onnx = new OnnxRuntimeSession(OnnxExport.model(model, example.parameters()), model)) {
                for (int from = 0; from < test.size(); from += 1000) {
                    double[][] images = new double[Math.min(1000, test.size() - from)][model.inputSize()];
                    for (int i = 0; i < images.length; i++) {
                        test.input(from + i, images[i]);
                    }
                    OnnxRuntimeSession.Prediction p = onnx.run(images);
                    long[] labels = p.labels().orElseThrow();
                    for (int i = 0; i < images.length; i++) {
                        double[] y = nnlang.predict(images[i]);
                        agreement.compare(y, p.outputs()[i], model.name() + " test image " + (from + i));
                        same += argmax(y) == labels[i] ? 1 : 0;
                    }
                }
            }
            System.out.println("ONNX Runtime against predict, " + model.name() + " on " + test.size()
                    + " MNIST test images: the same digit for " + same + "; " + agreement);
            assertEquals(test.size(), same);
            assertTrue(agreement.meets(RandomNetworksInOnnxRuntimeTest.BAR), agreement.toString());
        }
    }

    private static Network predictor(Example example) {
        Network net = new Interpreter(example.model());
        net.setParameters(example.parameters());
        return net;
    }

    /** The index of the largest value, the first on ties, as nnlang counts accuracy. */
    static int argmax(double[] y) {
        int best = 0;
        for (int k = 1; k < y.length; k++) {
            if (y[k] > y[best]) {
                best = k;
            }
        }
        return best;
    }
}
