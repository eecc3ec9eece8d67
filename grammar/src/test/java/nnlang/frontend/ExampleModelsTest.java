package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The repository's examples check cleanly, and their models hold what the sources say. */
class ExampleModelsTest {
    static final Path EXAMPLES = Path.of("../examples");

    static Stream<Path> examples() throws IOException {
        // Each example is a Maven module with its .nn files beside its pom: examples/<name>/*.nn.
        try (Stream<Path> files = Files.walk(EXAMPLES, 2)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleChecksWithoutDiagnostics(Path file) {
        // For structure: mnist-bits.nn uses the trained Mnist, whose parameters a build makes.
        CheckResult result = FrontEnd.check(file, CheckOptions.STRUCTURE);
        assertEquals("", result.formatDiagnostics());
        assertFalse(result.networks().isEmpty());
    }

    @Test
    void examplesFolderIsNotEmpty() throws IOException {
        assertTrue(examples().count() >= 4);
    }

    @Test
    void xorIsTwoSigmoidLayersWithItsWholeTrainBlock() {
        NetworkModel xor = only("xor/xor.nn");
        assertEquals("Xor", xor.name());
        assertEquals(List.of(new Input("x1", 0, List.of(), xor.inputs().get(0).pos()),
                new Input("x2", 1, List.of(), xor.inputs().get(1).pos())), xor.inputs());
        assertEquals(2, xor.inputSize());

        Node hidden = xor.nodes().get(0);
        assertEquals("hidden", hidden.name());
        assertEquals(Node.Kind.LAYER, hidden.kind());
        assertEquals(2, hidden.size());
        assertEquals(Activation.SIGMOID, hidden.activation());
        assertEquals(List.of(new Source(Source.INPUT, 0, 2)), hidden.sources());
        assertTrue(hidden.parameterBlocks().get(0).presets().stream().noneMatch(OptionalDouble::isPresent));
        assertEquals(4, hidden.parameterBlocks().get(0).presets().size());

        Node out = xor.nodes().get(1);
        assertEquals(List.of(new Source(0, 0, 2)), out.sources());
        assertEquals(1, out.size());
        assertEquals(List.of(new Source(1, 0, 1)), xor.output().sources());
        assertFalse(xor.output().isClassifier());
        assertEquals(9, xor.parameterCount());

        TrainSpec train = xor.train().orElseThrow();
        DataSpec.Table table = (DataSpec.Table) train.data();
        assertEquals(List.of(List.of(0.0, 0.0), List.of(0.0, 1.0), List.of(1.0, 0.0), List.of(1.0, 1.0)),
                table.inputs());
        assertEquals(List.of(List.of(0.0), List.of(1.0), List.of(1.0), List.of(0.0)), table.targets());
        assertEquals(Cost.QUADRATIC, train.cost());
        assertEquals(2.0, train.optimizer().rate());
        assertEquals(4, train.optimizer().batch());
        assertEquals(0.0, train.optimizer().l2());
        assertEquals(5000, train.epochs());
        Init.Gaussian init = (Init.Gaussian) train.init();
        assertEquals(0.0, init.mean());
        assertEquals(1.0, init.sd());
        assertFalse(init.scaled());
        assertEquals(7L, train.seed());
        assertEquals(500, train.reportEvery());
        assertEquals(1.0, train.expect().orElseThrow().minimumAccuracy());
    }

    @Test
    void nandIsOnePresetPerceptron() {
        NetworkModel nand = only("nand/nand.nn");
        assertEquals(1, nand.nodes().size());
        Node out = nand.nodes().get(0);
        assertEquals(Node.Kind.NEURON, out.kind());
        assertEquals(Activation.STEP, out.activation());
        assertEquals(List.of(new Source(Source.INPUT, 0, 1), new Source(Source.INPUT, 1, 1)), out.sources());
        assertEquals(List.of(OptionalDouble.of(-2), OptionalDouble.of(-2)), out.parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(3)), out.parameterBlocks().get(1).presets());
        assertEquals(List.of(new Source(0, 0, 1)), nand.output().sources());
        assertEquals(Optional.empty(), nand.train());
        assertTrue(nand.isFullyPreset());
    }

    @Test
    void halfAdderIsFiveNandPartsWiredAsTheBookDrawsThem() {
        NetworkModel adder = only("half-adder/half-adder.nn");
        assertEquals(List.of("a.out", "b.out", "c.out", "sum.out", "carry.out"),
                adder.nodes().stream().map(Node::name).toList());
        for (Node node : adder.nodes()) {
            assertTrue(node.sources().stream().allMatch(s -> s.node() < node.index()), node.name());
            assertEquals(Activation.STEP, node.activation());
            assertEquals(List.of(OptionalDouble.of(-2), OptionalDouble.of(-2)), node.parameterBlocks().get(0).presets());
            assertEquals(List.of(OptionalDouble.of(3)), node.parameterBlocks().get(1).presets());
            assertFalse(node.fixed(), "a part of a network without a train block is not fixed");
        }
        Node b = adder.nodes().get(1);
        assertEquals(List.of(new Source(Source.INPUT, 0, 1), new Source(0, 0, 1)), b.sources());
        Node sum = adder.nodes().get(3);
        assertEquals(List.of(new Source(1, 0, 1), new Source(2, 0, 1)), sum.sources());
        Node carry = adder.nodes().get(4);
        assertEquals(List.of(new Source(0, 0, 1), new Source(0, 0, 1)), carry.sources(), "a read twice");
        assertEquals(List.of(new Source(3, 0, 1), new Source(4, 0, 1)), adder.output().sources());
        assertEquals(2, adder.outputSize());
    }

    @Test
    void cheeseIsOneFestivalNetworkUsedTwiceWithItsLimitSetOnce() {
        CheckResult result = FrontEnd.check(EXAMPLES.resolve("cheese/cheese.nn"));
        assertEquals(List.of("Festival", "Cheese", "EagerCheese"),
                result.networks().stream().map(NetworkModel::name).toList());
        assertEquals(List.of("weather", "partner", "transit"),
                result.networks().get(1).inputs().stream().map(Input::name).toList());
        Node go = result.networks().get(1).nodes().get(0);
        assertEquals("go.go", go.name());
        assertEquals(List.of(OptionalDouble.of(6), OptionalDouble.of(2), OptionalDouble.of(2)), go.parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(-5)), go.parameterBlocks().get(1).presets());
        assertEquals(List.of(OptionalDouble.of(-3)), result.networks().get(2).nodes().get(0).parameterBlocks().get(1).presets());
    }

    private static NetworkModel only(String example) {
        CheckResult result = FrontEnd.check(EXAMPLES.resolve(example));
        assertEquals("", result.formatDiagnostics());
        assertEquals(1, result.networks().size());
        return result.networks().get(0);
    }
}
