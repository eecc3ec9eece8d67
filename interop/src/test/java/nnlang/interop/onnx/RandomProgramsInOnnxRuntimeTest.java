package nnlang.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import nnlang.compiler.RandomPrograms;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.interop.ExportException;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks as users write them, from 300 random programs through the front end (neurons with
 * element sources and weight lists, layers with {@code from} lists, formula activations, softmax
 * and class outputs), in ONNX Runtime against nnlang's {@code predict}; a classifier's {@code label}
 * output is the class nnlang predicts. And the one export ONNX refuses today, named with its place.
 */
class RandomProgramsInOnnxRuntimeTest {
    /** Where a generated program and the library it imports are written to be checked. */
    @TempDir
    Path dir;


    @Test
    void everyRandomProgramGivesNnlangsOutputsAndLabelsInOnnxRuntime() throws Exception {
        Agreement agreement = new Agreement();
        int networks = 0;
        int classifiers = 0;
        for (long seed = 0; seed < 300; seed++) {
            CheckResult checked = RandomPrograms.check(RandomPrograms.generate(seed), dir);
            assertFalse(checked.hasErrors(), checked.formatDiagnostics());
            for (NetworkModel model : checked.networks()) {
                double[] params = Initializer.initialParameters(model);
                Interpreter nnlang = new Interpreter(model);
                nnlang.setParameters(params);
                double[][] inputs = RandomNetworksInOnnxRuntimeTest.inputs(model.inputSize(), new Random(seed));
                try (OnnxRuntimeSession onnx = new OnnxRuntimeSession(OnnxExport.model(model, params), model)) {
                    OnnxRuntimeSession.Prediction p = onnx.run(inputs);
                    long[] expectedLabels = new long[inputs.length];
                    for (int s = 0; s < inputs.length; s++) {
                        double[] y = nnlang.predict(inputs[s]);
                        agreement.compare(y, p.outputs()[s], model.name() + " sample " + s);
                        expectedLabels[s] = ExamplesInOnnxRuntimeTest.argmax(y);
                    }
                    assertEquals(model.output().isClassifier(), p.labels().isPresent());
                    if (p.labels().isPresent()) {
                        assertArrayEquals(expectedLabels, p.labels().get(), model.name());
                        classifiers++;
                    }
                }
                networks++;
            }
        }
        System.out.println("ONNX Runtime against predict, " + networks + " networks of random programs (" + classifiers
                + " classifiers): " + agreement);
        assertTrue(networks >= 300 && classifiers >= 10, networks + " networks, " + classifiers + " classifiers");
        assertTrue(agreement.meets(RandomNetworksInOnnxRuntimeTest.BAR), agreement.toString());
    }

    @Test
    void aNodeNamedAsTheModelsLabelOutputIsRefusedWithItsPosition() {
        String source = "network Clash {\n    input x1, x2\n    layer label = dense(2, softmax)\n    output label as class(no, yes)\n"
                + "    train {\n        data table { [0, 1] -> yes }\n        cost cross_entropy\n"
                + "        optimizer sgd(rate: 0.1, batch: 1)\n        epochs 1\n        init gaussian(0, 1)\n        seed 1\n    }\n}\n";
        CheckResult checked = FrontEnd.check("clash.nn", source, Path.of("."));
        assertFalse(checked.hasErrors(), checked.formatDiagnostics());
        NetworkModel model = checked.networks().get(0);
        ExportException e = assertThrows(ExportException.class, () -> OnnxExport.model(model, new double[6]));
        assertEquals("clash.nn:3:11: error: cannot export network Clash to ONNX: its node label has the name of the"
                + " model's output label; rename the node", e.getMessage());
    }
}
