package nnlang.compiler;

import nnlang.testing.ExampleModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nnlang.runtime.Network;
import nnlang.runtime.data.DenseSamples;
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
    void anOrderNamingASampleOutsideADenseTableFailsAndLeavesTheParametersAsTheyWere() {
        DenseSamples table = new DenseSamples(2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});
        double[] before = {0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9};
        xor.setParameters(before);
        int[][] orders = {{0, 1, 4, 3}, {0, -1, 2, 3}, {0, 1, 2, 3, 0, 4}};
        int[] bad = {4, -1, 4};
        for (int k = 0; k < orders.length; k++) {
            int[] order = orders[k];
            var e = assertThrows(IndexOutOfBoundsException.class,
                    () -> xor.trainBatch(table, order, 0, order.length, 1.0, 1.0));
            assertEquals("Index " + bad[k] + " out of bounds for length 4", e.getMessage(),
                    "the sample index against the number of samples, as DenseSamples reports it");
            assertArrayEquals(before, xor.parameters(), "a failed batch changes no parameter");
        }
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
