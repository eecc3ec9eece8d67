package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nnlang.runtime.Network;
import nnlang.testing.ArraySamples;
import nnlang.testing.MiniBatches;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;

/** A generated class rejects arrays and batches that do not fit it with messages that say why. */
class GeneratedClassMisuseTest {
    private final Network xor = NetworkCompiler.load(ModelBuilder.xor(7));

    @Test
    void shortArraysAreRejectedNamingTheNetworkAndBothLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> xor.setParameters(new double[8]));
        assertEquals("Xor: the parameter array has 8 values, it needs 9", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> xor.getParameters(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> xor.predict(new double[1], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> xor.predict(new double[2], new double[0]));
    }

    @Test
    void batchesOutsideTheOrderOrEmptyAndSamplesOfOtherSizesAreRejected() {
        ArraySamples data = ArraySamples.of(ModelBuilder.xor(7));
        int[] order = MiniBatches.inOrder(4);
        assertThrows(IllegalArgumentException.class, () -> xor.trainBatch(data, order, 2, 2, 1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> xor.trainBatch(data, order, 0, 5, 1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> xor.gradient(data, order, -1, 2, new double[9]));
        ArraySamples wide = new ArraySamples(new double[][] {{0, 0, 0}}, new double[][] {{0}});
        var e = assertThrows(IllegalArgumentException.class, () -> xor.trainBatch(wide, new int[] {0}, 0, 1, 1.0, 1.0));
        assertEquals("Xor: samples of 3 inputs and 1 targets do not fit 2 inputs and 1 outputs", e.getMessage());
    }

    @Test
    void aNetworkWithoutTrainBlockPredictsButHasNoCostToTrainOn() {
        Network nand = NetworkCompiler.load(ExampleModels.nand());
        nand.setParameters(new double[] {-2, -2, 3});
        assertEquals(0.0, nand.predict(new double[] {1, 1})[0]);
        assertEquals(1.0, nand.predict(new double[] {0, 1})[0]);
        ArraySamples data = new ArraySamples(new double[][] {{1, 1}}, new double[][] {{0}});
        assertThrows(IllegalStateException.class, () -> nand.trainBatch(data, new int[] {0}, 0, 1, 1.0, 1.0));
        assertThrows(IllegalStateException.class, () -> nand.gradient(data, new int[] {0}, 0, 1, new double[3]));
    }
}
