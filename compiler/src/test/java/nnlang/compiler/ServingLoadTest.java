package nnlang.compiler;

import nnlang.testing.ServingLoad;
import org.junit.jupiter.api.Test;

/** One trained MNIST network, compiled, shared by 16 threads at once. */
class ServingLoadTest {

    @Test
    void sixteenThreadsPredictingTheTestImagesFiveTimesEachGetTheSingleThreadedBits() throws Exception {
        ServingLoad.run(NetworkCompiler.load(ServingLoad.model()), ServingLoad.mnist(10_000), 16, 10_000, 5);
    }
}
