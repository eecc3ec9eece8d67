package nnlang.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nnlang.runtime.Samples;
import nnlang.runtime.TestModels;
import org.junit.jupiter.api.Test;

/** Reads the real MNIST files where the build keeps them: {@code ../shared/data/mnist} beside the repository. */
class MnistRealDataTest {

    /** Relative to this module's folder, where tests run. */
    private static final Path FOLDER = Path.of("..", "..", "shared", "data", "mnist");

    private static int label(Samples s, int index) {
        double[] target = new double[10];
        s.target(index, target);
        for (int k = 0; k < 10; k++) {
            if (target[k] == 1.0) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void theRealFilesLoadWithTheirKnownFirstLabels() throws Exception {
        assumeTrue(Files.isDirectory(FOLDER), "no MNIST folder at " + FOLDER.toAbsolutePath());
        TrainingData data = MnistReader.load(TestModels.mnist(FOLDER, 50_000, 10_000));
        assertEquals(50_000, data.train().size());
        assertEquals(10_000, data.validation().orElseThrow().size());
        assertEquals(10_000, data.test().orElseThrow().size());
        assertEquals(5, label(data.train(), 0));
        assertEquals(7, label(data.test().orElseThrow(), 0));
        double[] pixels = new double[784];
        data.train().input(0, pixels);
        double max = 0;
        for (double p : pixels) {
            max = Math.max(max, p);
        }
        assertEquals(1.0, max);
    }
}
