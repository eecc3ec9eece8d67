package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.testing.ArraySamples;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/** What the interpreter does with models it can only predict with, and with calls that do not fit. */
class InterpreterMisuseTest {

    private static NetworkModel nand() {
        return new ModelBuilder("Nand").scalars("x1", "x2")
                .node("out", Node.Kind.NEURON, 1, Activation.STEP, List.of(new Source(Source.INPUT, 0, 2)),
                        new double[] {-2, -2}, new double[] {3})
                .build();
    }

    @Test
    void aFullyPresetNetworkWithoutTrainBlockPredictsFromItsPresets() {
        Interpreter nand = new Interpreter(nand());
        assertArrayEquals(new double[] {1.0}, nand.predict(new double[] {0, 0}));
        assertArrayEquals(new double[] {1.0}, nand.predict(new double[] {1, 0}));
        assertArrayEquals(new double[] {0.0}, nand.predict(new double[] {1, 1}));
    }

    @Test
    void trainingWithoutATrainBlockIsRefusedNamingTheNetwork() {
        Interpreter nand = new Interpreter(nand());
        ArraySamples data = new ArraySamples(new double[][] {{0, 0}}, new double[][] {{1}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> nand.trainBatch(data, new int[] {0}, 0, 1, 1.0, 1.0));
        assertTrue(e.getMessage().contains("Nand"), e.getMessage());
    }

    @Test
    void crossEntropyOnAReluOutputIsRefusedWithThePositionOfTheNode() {
        SourcePos pos = new SourcePos("relu.nn", 4, 5, 3);
        NetworkModel base = new ModelBuilder("Relu").scalars("x")
                .dense("out", 1, Activation.RELU)
                .train(new double[][] {{1}}, new double[][] {{1}}, Cost.CROSS_ENTROPY, 1.0, 1, 1,
                        new Init.Gaussian(0, 1, false, SourcePos.NONE), 1)
                .build();
        Node out = base.nodes().get(0);
        Node positioned = new Node(0, out.name(), out.kind(), out.layer(), out.sources(), pos);
        NetworkModel model = new NetworkModel(base.name(), base.sourceFile(), base.inputs(), List.of(positioned),
                base.output(), base.train(), base.pos());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interpreter(model));
        assertTrue(e.getMessage().startsWith("relu.nn:4:5"), e.getMessage());
    }

    @Test
    void samplesOfTheWrongShapeAndEmptyBatchesAreRefused() {
        NetworkModel xor = ModelBuilder.xor(7);
        Interpreter network = new Interpreter(xor);
        ArraySamples wrong = new ArraySamples(new double[][] {{0, 0, 0}}, new double[][] {{1}});
        double[] g = new double[xor.parameterCount()];
        assertThrows(IllegalArgumentException.class, () -> network.gradient(wrong, new int[] {0}, 0, 1, g));
        ArraySamples right = ArraySamples.of(xor);
        assertThrows(IllegalArgumentException.class, () -> network.gradient(right, new int[] {0, 1}, 1, 1, g));
    }
}
