package nnlang.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nnlang.compiler.NetworkCompiler;
import nnlang.frontend.FrontEnd;
import nnlang.interop.batch.BatchPrediction;
import nnlang.interop.batch.CsvRows;
import nnlang.interop.batch.IdxImageRows;
import nnlang.interop.batch.InputRows;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.data.DataException;

/**
 * Batch prediction as {@code nnlang predict} runs it: the book's 784-30-10 network, compiled, over
 * the 10,000 MNIST test images, read from the IDX file ({@code t10k-images-idx3-ubyte.gz}) and from
 * a CSV file of the same images (784 numbers per line, written once before timing), every line of
 * predictions written as CSV and as JSON Lines into a writer that discards it. Prints the first
 * round (a cold JVM, as the command line runs once) and the median of 10 rounds after 5 warm-up
 * rounds, in CPU time of the benchmark thread.
 *
 * <p>Run: {@code mvn -q -B -Pbench -pl benchmarks -am test-compile exec:exec
 * -Dbench.main=nnlang.benchmarks.BatchPredictionSpeed}.
 */
public final class BatchPredictionSpeed {

    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private BatchPredictionSpeed() {}

    /** Argument: the folder of the four MNIST IDX files. */
    public static void main(String[] args) throws Exception {
        Path mnist = Path.of(args.length > 0 ? args[0] : "../shared/data/mnist");
        Path images = mnist.resolve("t10k-images-idx3-ubyte.gz");
        NetworkModel model = FrontEnd.check("mnist.nn", """
                network Mnist {
                    input image[28 x 28]
                    layer hidden = dense(30, sigmoid)
                    layer digit  = dense(10, sigmoid)
                    output digit as class(0..9)
                    train { data table { [%s] -> [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] } cost quadratic
                            optimizer sgd(rate: 3.0, batch: 10) epochs 1 init gaussian(0, 1) seed 6 }
                }
                """.formatted(String.join(", ", java.util.Collections.nCopies(784, "0"))), Path.of("."))
                .networks().get(0);
        Network network = NetworkCompiler.load(model);
        network.setParameters(Initializer.initialParameters(model));
        Path csv = Files.createTempFile("mnist-test", ".csv");
        try {
            writeCsv(images, csv, model.inputSize());
            time("IDX images -> CSV lines", () -> IdxImageRows.open(images, 784), model, network, false);
            time("IDX images -> JSON Lines", () -> IdxImageRows.open(images, 784), model, network, true);
            time("CSV rows   -> CSV lines", () -> CsvRows.open(csv, 784, 10, true, false), model, network, false);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    interface Opener {
        InputRows open() throws DataException;
    }

    private static void time(String what, Opener rows, NetworkModel model, Network network, boolean json) throws Exception {
        double[] seconds = new double[16];
        for (int round = 0; round < seconds.length; round++) {
            long start = THREAD.getCurrentThreadCpuTime();
            try (InputRows r = rows.open()) {
                BatchPrediction.Summary s = new BatchPrediction(model, network, json).run(r, Writer.nullWriter());
                if (s.rows() != 10_000) {
                    throw new IllegalStateException(s.rows() + " rows");
                }
            }
            seconds[round] = (THREAD.getCurrentThreadCpuTime() - start) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(seconds, 6, seconds.length);
        Arrays.sort(timed);
        System.out.printf("%s, 10,000 MNIST test images: first round %.3f s, median %.3f s (CPU time)%n", what, seconds[0],
                (timed[4] + timed[5]) / 2);
    }

    private static void writeCsv(Path images, Path csv, int inputSize) throws IOException, DataException {
        double[] x = new double[inputSize];
        try (InputRows rows = IdxImageRows.open(images, inputSize);
             BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            while (rows.next(x, null)) {
                line.setLength(0);
                for (int i = 0; i < x.length; i++) {
                    line.append(i == 0 ? "" : ",").append(x[i] == 0 ? "0" : Double.toString(x[i]));
                }
                out.append(line).append('\n');
            }
        }
    }
}
