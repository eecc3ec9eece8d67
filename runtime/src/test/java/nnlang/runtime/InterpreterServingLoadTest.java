package nnlang.runtime;

import nnlang.testing.ServingLoad;
import org.junit.jupiter.api.Test;

/**
 * One trained MNIST network, interpreted, shared by 16 threads at once: fewer images than the
 * compiled back end's load test, as an interpreted prediction takes ten times as long.
 */
class InterpreterServingLoadTest {

    @Test
    void sixteenThreadsPredictingTestImagesGetTheSingleThreadedBits() throws Exception {
        ServingLoad.run(new Interpreter(ServingLoad.model()), ServingLoad.mnist(2_000), 16, 1_000, 2);
    }
}
