package nnlang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;

/**
 * The serving load test each back end runs: one trained MNIST network (784-30-10, one epoch on the
 * first training images) shared by many threads that predict the test images at once, every
 * output compared bit for bit with the single-threaded run.
 */
public final class ServingLoad {

    /** Relative to a module's folder, where tests run: {@code ../shared/data/mnist} beside the repository. */
    public static final Path MNIST = Path.of("..", "..", "shared", "data", "mnist");

    private ServingLoad() {}

    /** The model the load test trains and shares. */
    public static NetworkModel model() {
        return ExampleModels.mnistShaped(Cost.QUADRATIC, Activation.SIGMOID, 1);
    }

    /** The MNIST data with the first {@code train} training images, or the test skipped when the folder is not there. */
    public static TrainingData mnist(int train) throws DataException {
        assumeTrue(Files.isDirectory(MNIST), "no MNIST folder at " + MNIST.toAbsolutePath());
        return DataSets.mnist(MNIST, train, 0);
    }

    /**
     * Trains {@code network} one epoch on {@code data}'s training images, then has {@code threads}
     * threads, started together, each predict the first {@code images} test images {@code passes}
     * times on it, and checks every output against the single-threaded predictions.
     */
    public static void run(Network network, TrainingData data, int threads, int images, int passes)
            throws InterruptedException {
        NetworkModel model = model();
        network.setParameters(Initializer.initialParameters(model));
        MiniBatches.train(network, model.train().orElseThrow().optimizer(), data.train(), 1, 1);
        Samples test = data.test().orElseThrow();
        double[][] inputs = new double[Math.min(images, test.size())][test.inputSize()];
        for (int s = 0; s < inputs.length; s++) {
            test.input(s, inputs[s]);
        }
        double[][] expected = new double[inputs.length][];
        for (int s = 0; s < inputs.length; s++) {
            expected[s] = network.predict(inputs[s]);
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t * inputs.length / threads;
            workers[t] = new Thread(() -> {
                double[] output = new double[network.outputSize()];
                try {
                    start.await();
                } catch (InterruptedException e) {
                    failures.add("interrupted");
                    return;
                }
                int wrong = 0;
                for (int pass = 0; pass < passes; pass++) {
                    for (int k = 0; k < inputs.length; k++) {
                        int s = (first + k) % inputs.length;
                        network.predict(inputs[s], output);
                        wrong += equalBits(expected[s], output) ? 0 : 1;
                    }
                }
                if (wrong > 0) {
                    failures.add(Thread.currentThread().getName() + ": " + wrong + " predictions differ");
                }
            }, "serving-" + t);
            workers[t].start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(List.of(), failures);
    }

    private static boolean equalBits(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(b[k])) {
                return false;
            }
        }
        return true;
    }
}
