package nnlang.interop.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nnlang.compiler.NetworkCompiler;
import nnlang.compiler.RandomPrograms;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.interop.ExportException;
import nnlang.interop.Examples;
import nnlang.model.Activation;
import nnlang.model.FormulaActivation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import org.junit.jupiter.api.Test;

/**
 * A trained network written as source checks without a diagnostic, has every parameter preset to
 * the same bits, computes the same formula programs, and gives the same output bits on both back
 * ends: on every example (a softmax layer is refused, naming the node) and on 500 random programs (a
 * conv or pool is refused, naming the node).
 */
class WrittenSourceRunsToTheSameBitsTest {

    @Test
    void everyExampleWrittenOutRunsToTheSameBits() throws Exception {
        int written = 0;
        for (Examples.Example e : Examples.all()) {
            if (e.model().nodes().stream().anyMatch(n -> !(n.layer() instanceof nnlang.model.Dense))) {
                ExportException refused = org.junit.jupiter.api.Assertions.assertThrows(ExportException.class,
                        () -> SourceWriter.write(e.model(), e.parameters()));
                assertTrue(refused.getMessage().contains("cannot write node c1 as .nn source: a conv layer cannot be"
                        + " written with its weights in the language yet, only neurons can; export it as onnx or"
                        + " safetensors"), refused.getMessage());
                continue;
            }
            if (hasSoftmax(e.model())) {
                ExportException refused = org.junit.jupiter.api.Assertions.assertThrows(ExportException.class,
                        () -> SourceWriter.write(e.model(), e.parameters()));
                assertTrue(refused.getMessage().contains("cannot write node digit as .nn source: a softmax layer"),
                        refused.getMessage());
                continue;
            }
            assertSameNetwork(e.model(), e.parameters(), new Random(1));
            written++;
        }
        assertTrue(written >= 6, written + " examples written");
    }

    @Test
    void randomProgramsWrittenOutRunToTheSameBits() throws Exception {
        int networks = 0;
        int skipped = 0;
        int images = 0;
        for (long seed = 0; seed < 500; seed++) {
            CheckResult checked = FrontEnd.check("random" + seed + ".nn", RandomPrograms.program(seed), Path.of("."));
            assertFalse(checked.hasErrors(), checked.formatDiagnostics());
            for (NetworkModel model : checked.networks()) {
                java.util.Optional<nnlang.model.Node> image = model.nodes().stream()
                        .filter(n -> !(n.layer() instanceof nnlang.model.Dense)).findFirst();
                if (image.isPresent()) {
                    ExportException refused = org.junit.jupiter.api.Assertions.assertThrows(ExportException.class,
                            () -> SourceWriter.write(model, Initializer.initialParameters(model)));
                    assertTrue(refused.getMessage().contains("cannot write node " + image.get().name() + " as .nn source: a "
                            + image.get().layer().keyword() + " layer cannot be written"), refused.getMessage());
                    images++;
                    continue;
                }
                if (hasSoftmax(model)) {
                    skipped++;
                    continue;
                }
                assertSameNetwork(model, Initializer.initialParameters(model), new Random(seed));
                networks++;
            }
        }
        System.out.println("source round trip: " + networks + " random networks, " + skipped + " with softmax and "
                + images + " with convolutions or pools refused");
        assertTrue(networks > 350 && images > 10, networks + " networks, " + images + " with image layers");
    }

    @Test
    void numbersAreTheShortestThatReadBack() throws Exception {
        NetworkModel xor = Examples.check(Path.of("../examples/xor/xor.nn")).networks().get(0);
        double[] p = {5.73, -5.81, 0.1 + 0.2, -0.0, 1e-7, 2.07, 123456789012345680.0, Double.MIN_VALUE, 20};
        String text = SourceWriter.write(xor, p);
        assertTrue(text.contains("neuron hidden_0 = sigmoid(x1: 5.73, x2: -5.81, bias: 1e-7)"), text);
        assertTrue(text.contains("neuron hidden_1 = sigmoid(x1: 0.30000000000000004, x2: -0, bias: 2.07)"), text);
        assertTrue(text.contains("neuron out = sigmoid(hidden_0: 1.2345678901234568e17, hidden_1: 5e-324, bias: 20)"), text);
        assertTrue(text.contains("output out\n}"), text);
        assertFalse(text.contains("train"), text);
        assertSameNetwork(xor, p, new Random(3));
    }

    private static boolean hasSoftmax(NetworkModel model) {
        return model.nodes().stream().anyMatch(n -> n.activation() == Activation.SOFTMAX);
    }

    /** Writes, checks and runs the source; asserts parameters, formulas and outputs are the same bits. */
    static void assertSameNetwork(NetworkModel model, double[] params, Random random) throws ExportException {
        String text = SourceWriter.write(model, params);
        CheckResult checked = FrontEnd.check(model.name() + "-written.nn", text, Path.of("."));
        assertFalse(checked.hasErrors(), checked.formatDiagnostics() + "\n" + text);
        NetworkModel written = checked.networks().get(0);
        assertTrue(written.isFullyPreset() && written.train().isEmpty(), text);
        assertEquals(model.outputSize(), written.outputSize());
        assertEquals(model.output().classes(), written.output().classes());
        double[] presets = Initializer.initialParameters(written);
        assertArrayEquals(bits(byNeuron(model, params)), bits(presets), model.name() + ": parameters");
        List<FormulaActivation> before = model.nodes().stream().map(Node::activation)
                .filter(a -> a instanceof FormulaActivation).map(a -> (FormulaActivation) a).distinct().toList();
        for (FormulaActivation f : before) {
            FormulaActivation g = (FormulaActivation) written.nodes().stream().map(Node::activation)
                    .filter(a -> a.keyword().equals(f.name())).findFirst().orElseThrow();
            assertEquals(f.forwardProgram(), g.forwardProgram(), f.name() + ": forward program");
        }
        Network original = new Interpreter(model);
        original.setParameters(params);
        Network interpreted = new Interpreter(written);
        interpreted.setParameters(presets);
        Network compiled = NetworkCompiler.load(written);
        compiled.setParameters(presets);
        for (int s = 0; s < 50; s++) {
            double[] x = new double[model.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(10) == 0 ? 0.0 : 4 * random.nextDouble() - 2;
            }
            long[] expected = bits(original.predict(x));
            assertArrayEquals(expected, bits(interpreted.predict(x)), model.name() + " interpreted, input " + Arrays.toString(x));
            assertArrayEquals(expected, bits(compiled.predict(x)), model.name() + " compiled, input " + Arrays.toString(x));
        }
    }

    /** The parameters in the order of the written network: for each row of each node, its weights, then its bias. */
    static double[] byNeuron(NetworkModel model, double[] params) {
        double[] out = new double[params.length];
        int k = 0;
        for (Node n : model.nodes()) {
            int offset = model.parameterOffset(n.index());
            for (int j = 0; j < n.size(); j++) {
                for (int i = 0; i < n.inputSize(); i++) {
                    out[k++] = params[offset + j * n.inputSize() + i];
                }
                out[k++] = params[offset + n.size() * n.inputSize() + j];
            }
        }
        return out;
    }

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
