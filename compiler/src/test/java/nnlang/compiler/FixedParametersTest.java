package nnlang.compiler;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Optimizer;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.testing.ArraySamples;
import nnlang.testing.MiniBatches;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixed nodes keep their parameters, bit for bit, through training on either back end and in
 * every code shape, with and without L2; the gradient still passes through them, so the trained
 * nodes below them learn; and both back ends end with the same bits.
 */
class FixedParametersTest {

    /** A fixed sigmoid layer between two trained ones, and a fixed perceptron that reads only inputs. */
    private static final String SMALL = """
            network Small {
                input x[3]
                fixed neuron gate = perceptron(x: [1, -1, 0.5], bias: 0)
                layer below = dense(3, tanh)
                fixed layer middle = dense(2, sigmoid) from below, gate
                layer above = dense(2, sigmoid) from middle, x
                output above
                train {
                    data table {
                        [0, 1, 0] -> [1, 0]
                        [1, 0, 1] -> [0, 1]
                        [0.5, 0.5, 0] -> [1, 1]
                        [1, 1, 1] -> [0, 0]
                        [0.2, 0.9, 0.1] -> [0, 1]
                    }
                    cost quadratic
                    optimizer sgd(rate: 0.5, batch: 2)
                    epochs 3
                    seed 4
                }
            }
            """;

    /** The same at sizes that compiled code loops over, by rows and by columns. */
    private static final String WIDE = SMALL.replace("Small", "Wide").replace("dense(3, tanh)", "dense(20, tanh)")
            .replace("dense(2, sigmoid) from below", "dense(18, sigmoid) from below");

    static List<Object[]> cases() {
        List<Object[]> cases = new java.util.ArrayList<>();
        for (CompilerOptions shape : CodeShapes.FOR_SMALL) {
            cases.add(new Object[] {SMALL, shape});
        }
        for (CompilerOptions shape : CodeShapes.FOR_ANY) {
            cases.add(new Object[] {WIDE, shape});
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fixedNodesKeepTheirBitsAndTheGradientPassesThem(String source, CompilerOptions shape) {
        CheckResult checked = FrontEnd.check("fixed.nn", source, Path.of("."));
        assertEquals("", checked.formatDiagnostics());
        NetworkModel model = checked.networks().get(0);
        Samples data = ArraySamples.of(model);
        double[] initial = Initializer.initialParameters(model);
        Optimizer sgd = model.train().orElseThrow().optimizer();
        for (double l2 : new double[] {0.0, 0.5}) {
            Optimizer.Sgd withL2 = new Optimizer.Sgd(sgd.rate(), sgd.batch(), l2, sgd.pos());
            Network interpreted = new Interpreter(model);
            Network compiled = NetworkCompiler.load(model, shape);
            interpreted.setParameters(initial);
            compiled.setParameters(initial);
            MiniBatches.train(interpreted, withL2, data, 3, 11);
            MiniBatches.train(compiled, withL2, data, 3, 11);
            double[] after = compiled.parameters();
            assertBitIdentical(interpreted.parameters(), after, model.name() + " " + shape + ", l2 " + l2);
            for (Node node : model.nodes()) {
                int from = model.parameterOffset(node.index());
                double[] before = java.util.Arrays.copyOfRange(initial, from, from + node.parameterCount());
                double[] trained = java.util.Arrays.copyOfRange(after, from, from + node.parameterCount());
                if (node.fixed()) {
                    assertBitIdentical(before, trained, "fixed node " + node.name() + " " + shape + ", l2 " + l2);
                } else {
                    assertNotEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(trained),
                            "trained node " + node.name() + " learnt nothing; " + shape);
                }
            }
        }
    }
}
