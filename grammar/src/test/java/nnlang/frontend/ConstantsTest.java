package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import org.junit.jupiter.api.Test;

/** Numbers computed from constants are the doubles Java's operations give, in the formula's order. */
class ConstantsTest {

    @Test
    void foldingGivesExactlyTheDoublesOfJavasOperations() {
        NetworkModel net = check("""
                let tenth = 0.1
                network Exact {
                    input x
                    let third = 1 / 3
                    neuron n = linear(x: tenth + 0.2, bias: third * 3 - 1)
                    neuron m = linear(x: 2 ^ 0.5, bias: exp(1) - sin(cos(0.5)))
                    neuron z = linear(x: -0.0 * 1, bias: -(0.0))
                    output n, m, z
                }
                """);
        assertEquals(List.of(OptionalDouble.of(0.1 + 0.2)), net.nodes().get(0).parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(1.0 / 3 * 3 - 1)), net.nodes().get(0).parameterBlocks().get(1).presets());
        assertEquals(List.of(OptionalDouble.of(Math.pow(2, 0.5))), net.nodes().get(1).parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(Math.exp(1) - Math.sin(Math.cos(0.5)))),
                net.nodes().get(1).parameterBlocks().get(1).presets());
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(net.nodes().get(2).parameterBlocks().get(0).presets().get(0).getAsDouble()));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(net.nodes().get(2).parameterBlocks().get(1).presets().get(0).getAsDouble()));
    }

    @Test
    void theValuesOfAFilesConstantsAreThoseFoldingGivesByScope() {
        String text = "let tenth = 0.1\nlet k = tenth * 3\nnetwork N {\n    input x\n    let third = 1 / 3\n"
                + "    let bad = nope + 1\n    neuron n = linear(x: k)\n}\n";
        assertEquals(Map.of("", Map.of("tenth", 0.1, "k", 0.1 * 3), "N", Map.of("third", 1.0 / 3)),
                FrontEnd.constants(text));
        assertEquals(List.of("tenth", "k"), List.copyOf(FrontEnd.constants(text).get("").keySet()), "in order");
        assertEquals(Map.of(), FrontEnd.constants("let = "), "text that does not parse");
    }

    @Test
    void aComputedIntegerCountsAsAnIntegerAndAWrittenOneMustBeWrittenAsOne() {
        TrainSpec train = check("""
                network Counts {
                    input 2
                    let n = 3.0
                    layer h = dense(n * 2, sigmoid)
                    train {
                        data table { [0, 1] -> [1, 0, 0, 0, 0, 0] }
                        cost quadratic
                        optimizer sgd(rate: 0.5, batch: n - 2)
                        epochs n * 10
                        seed -n
                    }
                }
                """).train().orElseThrow();
        assertEquals(30, train.epochs());
        assertEquals(1, train.optimizer().batch());
        assertEquals(-3, train.seed());
        CheckResult written = FrontEnd.check("w.nn", "network W { input 2 layer h = dense(3.0, sigmoid) }", Path.of("."));
        assertEquals(List.of("not-integer"), written.diagnostics().stream().map(d -> d.code()).toList());
    }

    @Test
    void aFormulaActivationMayUseConstants() {
        NetworkModel net = check("""
                let c = 4
                network Steep {
                    input x
                    activation steep(z) = sigmoid(c * z)
                    neuron n = steep(x: 1, bias: 0)
                }
                """);
        assertEquals(1.0 / (1.0 + Math.exp(-(4 * 0.5))), net.nodes().get(0).activation().apply(0.5));
    }

    private static NetworkModel check(String source) {
        CheckResult result = FrontEnd.check("constants.nn", source, Path.of("."));
        assertEquals("", result.formatDiagnostics());
        return result.networks().get(0);
    }
}
