package nnlang.compiler;

import static nnlang.testing.BitAssertions.assertBitIdentical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.data.TrainingData;
import nnlang.testing.ArraySamples;
import org.junit.jupiter.api.Test;

/**
 * A network that diverges stops in the same epoch and mini-batch, at the same parameter, whichever
 * back end trains it, and the network is left with the parameters of the end of that batch.
 */
class DivergenceOnBothBackEndsTest {
    private static final String SOURCE = String.join("\n",
            "network Scale {",
            "    input x1, x2",
            "    layer h   = dense(3, linear)",
            "    layer out = dense(1, linear)",
            "    train {",
            "        data      table { [1, 2] -> [100]  [2, 1] -> [200]  [3, 3] -> [300]  [4, 0] -> [400]  [0, 5] -> [50] }",
            "        cost      quadratic",
            "        optimizer sgd(rate: 0.3, batch: 2)",
            "        epochs    100",
            "        seed      5",
            "    }",
            "}", "");

    @Test
    void bothBackEndsStopInTheSameBatchWithTheSameMessage() {
        CheckResult result = FrontEnd.check("scale.nn", SOURCE, Path.of("."));
        assertEquals(java.util.List.of(), result.diagnostics());
        NetworkModel model = result.networks().get(0);
        Network interpreted = new Interpreter(model);
        TrainingDivergedException expected = diverge(model, interpreted);
        assertTrue(expected.getMessage().matches("(?s)scale\\.nn:8:9: error: training diverged in epoch \\d+ of 100: batch"
                + " [1-3] of 3 made parameter .* of node (h|out) (NaN|-?Infinity)(; its cost was \\S+)?\n"
                + "  hint: lower the rate \\(now 0\\.3\\).*"),
                expected.getMessage());
        assertTrue(Arrays.stream(interpreted.parameters()).anyMatch(p -> !Double.isFinite(p)));
        for (CompilerOptions shape : CodeShapes.FOR_SMALL) {
            Network compiled = NetworkCompiler.load(model, shape);
            assertEquals(expected.getMessage(), diverge(model, compiled).getMessage(), shape.toString());
            assertBitIdentical(interpreted.parameters(), compiled.parameters(), shape + ": the batch's end");
        }
    }

    private static TrainingDivergedException diverge(NetworkModel model, Network network) {
        network.setParameters(Initializer.initialParameters(model));
        TrainingData data = TrainingData.trainOnly(ArraySamples.of(model));
        return assertThrows(TrainingDivergedException.class, () -> new Trainer(model).train(network, data, r -> { }));
    }
}
