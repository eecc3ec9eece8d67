package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import nnlang.model.FormulaActivation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import org.junit.jupiter.api.Test;

/**
 * Networks used as parts of networks become ordinary nodes of the network that uses them: named by
 * the part's path, reading what the part binds, with their network's values, fixed as the part and
 * the network say.
 */
class PartsTest {

    private static final String GATES = """
            network Nand {
                input x1, x2
                neuron out = perceptron(x1: -2, x2: -2, bias: 3)
                output out
            }
            network And {
                input x, y
                part nand = Nand(x, y)
                part out  = Nand(nand, nand)
                output out
            }
            """;

    @Test
    void partsOfPartsAreExpandedWithQualifiedNames() {
        NetworkModel twice = network(GATES + """
                network Twice {
                    input a, b, c
                    part first  = And(a, b)
                    part second = And(first, c)
                    output second
                }
                """, "Twice");
        assertEquals(List.of("first.nand.out", "first.out.out", "second.nand.out", "second.out.out"),
                twice.nodes().stream().map(Node::name).toList());
        assertEquals(List.of(new Source(Source.INPUT, 0, 1), new Source(Source.INPUT, 1, 1)),
                twice.nodes().get(0).sources());
        assertEquals(List.of(new Source(1, 0, 1), new Source(Source.INPUT, 2, 1)), twice.nodes().get(2).sources());
        assertEquals(List.of(new Source(3, 0, 1)), twice.output().sources());
        assertEquals(12, twice.parameterCount());
        assertEquals(List.of("first And 14", "first.nand Nand 8", "first.out Nand 9", "second And 15",
                        "second.nand Nand 8", "second.out Nand 9"),
                twice.parts().stream().map(p -> p.name() + " " + p.network() + " " + p.pos().line()).toList());
        assertTrue(twice.parts().get(0).contains("first.out.out"));
        assertFalse(twice.parts().get(0).contains("firstly.out"), "a part's nodes are those named after it");
        assertFalse(twice.parts().get(0).contains("first"));
    }

    @Test
    void inputsBindByPositionOrByNameAndOutputsReadByNameElementOrPath() {
        NetworkModel net = network(GATES + """
                network Pair {
                    input p, q
                    part one = Nand(x2: q, x1: p)
                    part two = And(p, one)
                    output first: one, second: two
                }
                network Reads {
                    input u, v
                    part pair = Pair(u, v)
                    neuron n = linear(pair.first: 1, pair[1]: 2, pair.two.nand: 3, pair.second: 4, bias: 0)
                    output n
                }
                """, "Reads");
        Node one = net.nodes().get(0);
        assertEquals("pair.one.out", one.name());
        assertEquals(List.of(new Source(Source.INPUT, 0, 1), new Source(Source.INPUT, 1, 1)), one.sources());
        Node n = net.nodes().get(net.nodes().size() - 1);
        int two = index(net, "pair.two.out.out");
        int nand = index(net, "pair.two.nand.out");
        assertEquals(List.of(new Source(0, 0, 1), new Source(two, 0, 1), new Source(nand, 0, 1),
                new Source(two, 0, 1)), n.sources());
    }

    @Test
    void aSourceNamedTwiceIsReadTwiceWithAWeightEach() {
        Node carry = network("""
                network Carry {
                    input x1, x2
                    neuron a = perceptron(x1: -2, x2: -2, bias: 3)
                    neuron carry = perceptron(a: -2, a: -2, bias: 3)
                }
                """, "Carry").nodes().get(1);
        assertEquals(List.of(new Source(0, 0, 1), new Source(0, 0, 1)), carry.sources());
        assertEquals(List.of(OptionalDouble.of(-2), OptionalDouble.of(-2)), carry.parameterBlocks().get(0).presets());
    }

    @Test
    void withSetsTheConstantsOfOnePartOnly() {
        String source = """
                network Gate {
                    input x
                    let limit = 5
                    let doubled = 2 * limit
                    neuron out = perceptron(x: doubled, threshold: limit)
                }
                network Both {
                    input x
                    part strict = Gate(x)
                    part eager  = Gate(x) with limit = 3
                    output strict, eager
                }
                """;
        NetworkModel both = network(source, "Both");
        assertEquals(List.of(OptionalDouble.of(10)), both.nodes().get(0).parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(-5)), both.nodes().get(0).parameterBlocks().get(1).presets());
        assertEquals(List.of(OptionalDouble.of(6)), both.nodes().get(1).parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(-3)), both.nodes().get(1).parameterBlocks().get(1).presets());
    }

    @Test
    void aFixedPartFixesItsNodesAndFixedNodesStayFixedInAnyPart() {
        NetworkModel net = network("""
                network Block {
                    input x[2]
                    layer h = dense(2, sigmoid)
                    fixed layer out = dense(1, sigmoid) weights [[1, -1]] bias [0]
                }
                network Trains {
                    input x[2]
                    fixed part frozen = Block(x)
                    part open = Block(x)
                    layer out = dense(1, sigmoid) from frozen, open
                    train {
                        data table { [0, 1] -> [1] }
                        cost quadratic
                        optimizer sgd(rate: 1, batch: 1)
                        epochs 1
                        seed 1
                    }
                }
                """, "Trains");
        assertEquals(List.of("frozen.h", "frozen.out", "open.h", "open.out", "out"),
                net.nodes().stream().map(Node::name).toList());
        assertEquals(List.of(true, true, false, true, false), net.nodes().stream().map(Node::fixed).toList());
    }

    @Test
    void aPartsFormulaActivationIsRenamedForThePart() {
        NetworkModel net = network("""
                network Soft {
                    input x
                    activation softsign(z) = z / (1 + abs(z))
                    neuron out = softsign(x: 1, bias: 0)
                }
                network Two {
                    input x
                    part a = Soft(x)
                    part b = Soft(x)
                    output a, b
                }
                """, "Two");
        FormulaActivation a = (FormulaActivation) net.nodes().get(0).activation();
        FormulaActivation b = (FormulaActivation) net.nodes().get(1).activation();
        assertEquals("a.softsign", a.name());
        assertEquals("b.softsign", b.name());
        assertEquals(a.forwardProgram(), b.forwardProgram());
    }

    @Test
    void stepNodesMayBeTrainedThroughOnlyWhenFixedWithNothingTrainedBelow() {
        String network = """
                network Head {
                    input x[2]
                    %s layer h = dense(2, %s)
                    fixed layer out = dense(1, perceptron) weights [[1, 1]] bias [0]
                    train {
                        data table { [0, 1] -> [1] }
                        cost quadratic
                        optimizer sgd(rate: 1, batch: 1)
                        epochs 1
                        seed 1
                    }
                }
                """;
        assertTrue(FrontEnd.check("head.nn", network.formatted("fixed", "sigmoid"), Path.of(".")).diagnostics().isEmpty());
        CheckResult trainedBelow = FrontEnd.check("head.nn", network.formatted("", "sigmoid"), Path.of("."));
        assertEquals(List.of("step-not-trainable"), trainedBelow.diagnostics().stream().map(d -> d.code()).toList());
        assertTrue(trainedBelow.diagnostics().get(0).message().contains("but h below it is trained"),
                trainedBelow::formatDiagnostics);
    }

    @Test
    void theAdderExampleIsFiftyTwoNandsAddingFourBitNumbers() {
        CheckResult result = FrontEnd.check(ExampleModelsTest.EXAMPLES.resolve("adder/adder.nn"));
        NetworkModel adder = result.networks().stream().filter(n -> n.name().equals("Adder4")).findFirst().orElseThrow();
        assertEquals(52, adder.nodes().size());
        assertEquals(9, adder.inputSize());
        assertEquals(5, adder.outputSize());
        assertTrue(adder.nodes().stream().allMatch(n -> n.parameterBlocks().get(0).presets().equals(
                List.of(OptionalDouble.of(-2), OptionalDouble.of(-2)))));
        assertEquals(2, result.imports().size(), "nand.nn and half-adder.nn");
    }

    @Test
    void theMnistBitsExampleIsTheTrainedNetworkUnderAFixedLayer() {
        CheckResult result = FrontEnd.check(ExampleModelsTest.EXAMPLES.resolve("mnist/mnist-bits.nn"),
                CheckOptions.STRUCTURE);
        NetworkModel bits = result.networks().get(0);
        assertEquals(List.of("digits.hidden", "digits.digit"), bits.nodes().stream().limit(2).map(Node::name).toList());
        assertEquals("bits", bits.nodes().get(bits.nodes().size() - 1).name());
        assertEquals(2 + 10 * 31 + 1, bits.nodes().size(), "Largest is 310 perceptrons");
        assertTrue(bits.nodes().stream().filter(n -> n.name().startsWith("digits.") || n.name().equals("bits"))
                .allMatch(Node::fixed));
        assertEquals(4, bits.outputSize());
        assertFalse(bits.isFullyPreset(), "for structure only, the trained values are not read");
        assertEquals(List.of(), result.parameterFiles().get("MnistBits"));
    }

    private static int index(NetworkModel net, String name) {
        return net.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().index();
    }

    private static NetworkModel network(String source, String name) {
        CheckResult result = FrontEnd.check("parts.nn", source, Path.of("."));
        assertEquals("", result.formatDiagnostics());
        return result.networks().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }
}
