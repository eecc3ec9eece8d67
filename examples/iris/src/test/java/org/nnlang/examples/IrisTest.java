package org.nnlang.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.data.CsvReader;
import nnlang.runtime.data.DenseSamples;
import nnlang.runtime.data.Splits;
import org.junit.jupiter.api.Test;

/**
 * The Iris class trained during the build tells the 30 test flowers apart as well as iris.nn
 * promises: the test set is the one the build held out, the same seeded, stratified split of the
 * same file.
 */
class IrisTest {

    @Test
    void theTrainedNetworkClassifiesTheHeldOutFlowers() throws Exception {
        DenseSamples all = CsvReader.read(Path.of("iris.csv"), true, 4, 3, true,
                List.of("setosa", "versicolor", "virginica"));
        Samples test = Splits.split(all, new TrainSpec.Split(0.2, 0.2, SourcePos.NONE), 1, true, "iris.csv")
                .test().orElseThrow();
        assertEquals(30, test.size(), "10 flowers of each species");
        Network iris = Iris.trained();
        double[] x = new double[4];
        double[] y = new double[3];
        int correct = 0;
        for (int s = 0; s < test.size(); s++) {
            test.input(s, x);
            test.target(s, y);
            correct += argmax(iris.predict(x)) == argmax(y) ? 1 : 0;
        }
        assertTrue(correct >= 27, correct + " of 30 test flowers classified right");
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
