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
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained network written as source checks without a diagnostic, has every parameter preset to
 * the same bits, computes the same formula programs, and gives the same output bits on both back
 * ends: on every example and on the networks of 500 random programs (softmax layers and parts among
 * them); a conv or pool is refused, naming the node.
 */
class WrittenSourceRunsToTheSameBitsTest {
    /** Where a generated program and the library it imports are written to be checked. */
    @TempDir
    Path dir;


    @Test
    void everyExampleWrittenOutRunsToTheSameBits() throws Exception {
        int written = 0;
        for (Examples.Example e : Examples.all()) {
            if (e.model().nodes().stream().anyMatch(n -> !(n.layer() instanceof nnlang.model.Dense))) {
                ExportException refused = org.junit.jupiter.api.Assertions.assertThrows(ExportException.class,
                        () -> SourceWriter.write(e.model(), e.parameters()));
                assertTrue(refused.getMessage().contains("cannot write node c1 as .nn source: a conv layer cannot be"
                        + " written"), refused.getMessage());
                continue;
            }
            assertSameNetwork(e.model(), e.parameters(), new Random(1));
            written++;
        }
        assertTrue(written >= 9, written + " examples written");
    }

    @Test
    void randomProgramsWrittenOutRunToTheSameBits() throws Exception {
        int networks = 0;
        int softmax = 0;
        int composed = 0;
        int images = 0;
        for (long seed = 0; seed < 500; seed++) {
            CheckResult checked = RandomPrograms.check(RandomPrograms.generate(seed), dir);
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
                assertSameNetwork(model, Initializer.initialParameters(model), new Random(seed));
                networks++;
                softmax += hasSoftmax(model) ? 1 : 0;
                composed += model.nodes().stream().anyMatch(n -> n.name().contains(".")) ? 1 : 0;
            }
        }
        System.out.println("source round trip: " + networks + " random networks, " + softmax + " with softmax, "
                + composed + " with parts, " + images + " with convolutions or pools refused");
        assertTrue(networks > 350 && softmax > 10 && composed > 10 && images > 10, networks + " networks");
    }

    @Test
    void numbersAreTheShortestThatReadBack() throws Exception {
        NetworkModel xor = Examples.check(Path.of("../examples/xor/xor.nn")).networks().get(0);
        double[] p = {5.73, -5.81, 0.1 + 0.2, -0.0, 1e-7, 2.07, 123456789012345680.0, Double.MIN_VALUE, 20};
        String text = SourceWriter.write(xor, p);
        assertTrue(text.contains("""
                    layer hidden = dense(2, sigmoid) from x1, x2
                        weights [[5.73, -5.81],
                                 [0.30000000000000004, -0]]
                        bias [1e-7, 2.07]
                    layer out = dense(1, sigmoid) from hidden
                        weights [[1.2345678901234568e17, 5e-324]]
                        bias [20]
                """), text);
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
        assertArrayEquals(bits(params), bits(presets), model.name() + ": parameters");
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

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
