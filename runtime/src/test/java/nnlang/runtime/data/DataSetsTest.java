package nnlang.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.runtime.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {

    @TempDir
    Path dir;

    private static NetworkModel model(int inputs, int outputs, boolean classifier, DataSpec data) {
        return TestModels.dense("Net", inputs, new int[] {outputs}, new Activation[] {Activation.SIGMOID},
                classifier, Optional.of(TestModels.train(data, Cost.QUADRATIC, 1.0, 1, 0, 1, 0, Optional.empty())));
    }

    @Test
    void aTableIsTheTrainingSetOnly() throws Exception {
        TrainingData data = DataSets.load(model(2, 1, false,
                TestModels.table(new double[][] {{0, 1}, {1, 1}}, new double[][] {{1}, {0}})));
        assertEquals(2, data.train().size());
        assertTrue(data.validation().isEmpty());
        assertTrue(data.test().isEmpty());
    }

    @Test
    void aCsvFileIsReadWithTheNetworkSizesAndClassifierOutput() throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), "x,y,class\n0.5,0.25,2\n");
        TrainingData data = DataSets.load(model(2, 3, true, TestModels.csv(file, true)));
        double[] target = new double[3];
        data.train().target(0, target);
        assertArrayEquals(new double[] {0, 0, 1}, target);
        assertTrue(data.test().isEmpty());
    }

    @Test
    void mnistNeedsAsManyInputsAsPixels() {
        DataException e = assertThrows(DataException.class,
                () -> DataSets.load(model(100, 10, true, TestModels.mnist(dir, 1, 0))));
        assertEquals("net.nn:7:19: error: MNIST images have 784 pixels (28x28), but network Net has 100 inputs",
                e.getMessage());
    }

    @Test
    void mnistNeedsTenClasses() {
        DataException e = assertThrows(DataException.class,
                () -> DataSets.load(model(784, 10, false, TestModels.mnist(dir, 1, 0))));
        assertEquals(TestModels.DATA_POS.line(), e.record());
        assertTrue(e.problem().contains("10 plain outputs"), e.problem());
    }

    @Test
    void aNetworkWithoutTrainBlockHasNoData() {
        NetworkModel untrained = TestModels.dense("Net", 1, new int[] {1}, new Activation[] {Activation.STEP},
                false, Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> DataSets.load(untrained));
    }
}
