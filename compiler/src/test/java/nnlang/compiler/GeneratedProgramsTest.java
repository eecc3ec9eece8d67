package nnlang.compiler;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.BuiltinActivation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.testing.BackEnd;
import nnlang.testing.BackEndConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Thousands of random programs ({@link RandomPrograms}) go from source text through the front end
 * into the compiler: each must check without a diagnostic; the class of each of its networks must
 * pass ASM's verifier, keep every method under the JIT's 8,000-byte limit, load, and agree with the interpreter bit for bit on every prediction, the
 * batch gradient and the parameters after a few epochs of training with and without L2 (networks
 * with a train block, and when its class divides a mini-batch between threads, the same bits on 3
 * threads as on one), or on every prediction (preset networks). The code shape cycles through
 * every shape the compiler has, one per program. Programs and the libraries they import are
 * written to a folder, with the parameters of the trained networks they use as parts.
 */
class GeneratedProgramsTest {
    static final int PROGRAMS = 2000;

    @TempDir
    Path dir;

    @Test
    void everyGeneratedProgramCompilesToAVerifiedClassThatMatchesTheInterpreter() {
        Set<BuiltinActivation> builtins = EnumSet.noneOf(BuiltinActivation.class);
        int formulas = 0;
        Set<Cost> costs = EnumSet.noneOf(Cost.class);
        Set<String> optimizers = new java.util.TreeSet<>();
        int networks = 0;
        int trained = 0;
        int withParts = 0;
        int withFixedNodes = 0;
        int withTrainedParts = 0;
        int convolutional = 0;
        int divided = 0;
        long start = System.nanoTime();
        nnlang.runtime.TrainingThreads team = new nnlang.runtime.TrainingThreads(3);
        for (long seed = 0; seed < PROGRAMS; seed++) {
            RandomPrograms.Program program = RandomPrograms.generate(seed);
            String text = program.text();
            CheckResult result = check(program);
            if (result.hasErrors()) {
                fail("a generated program does not check:\n" + result.formatDiagnostics() + "\n" + text
                        + (program.library() == null ? "" : "\nwith its library:\n" + program.library()));
            }
            int k = (int) (seed % CodeShapes.FOR_SMALL.size());
            CompilerOptions shape = CodeShapes.FOR_SMALL.get(k);
            BackEnd backEnd = CodeShapes.backEnds().get(k);
            for (NetworkModel model : result.networks()) {
                assertVerifies(model, shape, text);
                for (Node node : model.nodes()) {
                    if (node.activation() instanceof BuiltinActivation b) {
                        builtins.add(b);
                    } else {
                        formulas++;
                    }
                }
                withParts += model.nodes().stream().anyMatch(n -> n.name().contains(".")) ? 1 : 0;
                withFixedNodes += model.nodes().stream().anyMatch(Node::fixed) ? 1 : 0;
                withTrainedParts += result.parameterFiles().get(model.name()).isEmpty() ? 0 : 1;
                convolutional += model.nodes().stream().anyMatch(n -> !(n.layer() instanceof nnlang.model.Dense)) ? 1 : 0;
                if (model.train().isPresent()) {
                    costs.add(model.train().get().cost());
                    optimizers.add(model.train().get().optimizer().keyword());
                    BackEndConformance.assertSameAs(Interpreter::new, model, backEnd, seed);
                    trained++;
                    if (backEnd.create().apply(model).dividesTraining()) {
                        BackEndConformance.assertTrainsOnThreadsLikeOnOne(model, backEnd, team);
                        divided++;
                    }
                } else {
                    assertSamePresetPredictions(model, shape);
                }
                networks++;
            }
        }
        team.close();
        System.out.printf("%d generated programs, %d networks (%d with training, %d of them also on 3 threads, %d"
                + " convolutional) verified in %.1f s%n", PROGRAMS, networks, trained, divided, convolutional,
                (System.nanoTime() - start) / 1e9);
        assertTrue(divided > PROGRAMS / 10, divided + " networks trained on 3 threads");
        assertTrue(convolutional > PROGRAMS / 20, convolutional + " networks with convolutions or pools");
        assertEquals(EnumSet.allOf(BuiltinActivation.class), builtins, "every built-in activation appears");
        assertTrue(formulas > PROGRAMS / 10, formulas + " nodes with a formula activation");
        assertEquals(EnumSet.allOf(Cost.class), costs, "every cost appears");
        assertEquals(Set.of("adam", "adamw", "momentum", "nesterov", "rmsprop", "sgd"), optimizers,
                "every optimizer appears");
        assertTrue(trained > PROGRAMS / 2 && networks - trained > PROGRAMS / 10, networks + " networks, " + trained
                + " trained");
        assertTrue(withParts > PROGRAMS / 4 && withFixedNodes > PROGRAMS / 10 && withTrainedParts > PROGRAMS / 50,
                withParts + " networks with parts, " + withFixedNodes + " with fixed nodes, " + withTrainedParts
                        + " with parts of trained networks");
    }

    private CheckResult check(RandomPrograms.Program program) {
        return RandomPrograms.check(program, dir);
    }

    @Test
    void theGeneratorIsDeterministicAndVaried() {
        assertEquals(RandomPrograms.program(17), RandomPrograms.program(17));
        List<String> texts = java.util.stream.LongStream.range(0, 50).mapToObj(RandomPrograms::program).distinct().toList();
        assertEquals(50, texts.size());
        String all = String.join("\n", java.util.stream.LongStream.range(0, 200).mapToObj(RandomPrograms::program).toList());
        for (String construct : List.of(" from ", "threshold:", "schedule", "scaled", "as class(", "input image[",
                "l2:", "momentum(", "mu:", "perceptron(", "step(", "softmax)", "cross_entropy", "] ->", "-0.0", "report", "expect",
                "import \"", "let ", "    part ", "fixed part ", "trainable part ", " with k = ", "fixed neuron s = perceptron(",
                "fixed layer ", " weights [[", "o_u0: u0", "] bias [",
                "nesterov(", "rmsprop(", "adam(", "adamw(", "exponential(", "cosine(", "warmup(", "xavier ", "he ",
                "uniform(", " dropout ", "} split(", "validation table", "test table", "stop ", "keep ",
                "= conv(", "= maxpool(", "= avgpool(", "stride: ", "padding: same", "padding: valid", " x 2]")) {
            assertTrue(all.contains(construct), construct);
        }
    }

    private static void assertVerifies(NetworkModel model, CompilerOptions shape, String text) {
        byte[] bytes = NetworkCompiler.compile(model, "generated." + model.name(), shape);
        StringWriter errors = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), GeneratedProgramsTest.class.getClassLoader(), false,
                new PrintWriter(errors));
        assertEquals("", errors.toString(), () -> model.name() + " " + shape + " does not verify:\n" + text);
        GeneratedClassStructureTest.codeSizes(bytes).forEach((method, size) -> assertTrue(
                size < GeneratedClassStructureTest.HUGE_METHOD,
                () -> model.name() + " " + shape + ": " + method + " has " + size + " bytes of code:\n" + text));
    }

    /** A network without a train block: its preset parameters give the same outputs on both back ends. */
    private static void assertSamePresetPredictions(NetworkModel model, CompilerOptions shape) {
        double[] parameters = Initializer.initialParameters(model);
        Network interpreted = new Interpreter(model);
        Network compiled = NetworkCompiler.load(model, shape);
        interpreted.setParameters(parameters);
        compiled.setParameters(parameters);
        java.util.Random random = new java.util.Random(model.name().hashCode());
        double[] x = new double[model.inputSize()];
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = s == 0 ? 0.0 : random.nextInt(5) == 0 ? random.nextInt(2) : random.nextDouble() * 4 - 2;
            }
            assertBitIdentical(interpreted.predict(x), compiled.predict(x), model.name() + " " + shape + ", input " + s);
        }
    }
}
