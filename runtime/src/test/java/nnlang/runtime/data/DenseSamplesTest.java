package nnlang.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nnlang.runtime.TestModels;
import org.junit.jupiter.api.Test;

class DenseSamplesTest {

    @Test
    void aTableKeepsItsRowsInOrder() {
        DenseSamples s = DenseSamples.of(TestModels.table(
                new double[][] {{0, 1}, {1, 0}, {1, 1}}, new double[][] {{1}, {1}, {0}}));
        assertEquals(3, s.size());
        assertEquals(2, s.inputSize());
        assertEquals(1, s.targetSize());
        double[] in = new double[2];
        double[] out = new double[1];
        s.input(1, in);
        s.target(2, out);
        assertArrayEquals(new double[] {1, 0}, in);
        assertArrayEquals(new double[] {0}, out);
    }

    @Test
    void anIndexOutsideTheSetIsRejected() {
        DenseSamples s = new DenseSamples(1, 1, new double[] {1, 2}, new double[] {3, 4});
        assertThrows(IndexOutOfBoundsException.class, () -> s.input(2, new double[1]));
        assertThrows(IndexOutOfBoundsException.class, () -> s.target(-1, new double[1]));
    }

    @Test
    void arraysThatDoNotMakeWholeSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DenseSamples(2, 1, new double[3], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new DenseSamples(1, 1, new double[2], new double[3]));
    }
}
