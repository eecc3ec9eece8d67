package nnlang.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnlang.spark.Train} as spark-submit runs it, in local mode: a CSV file read by Spark's CSV
 * reader and 5,000 MNIST images converted to Parquet train to the bytes a local run of the same
 * files in as many shards gives.
 */
class TrainCommandTest {

    /** Where CI and developers keep the four IDX files: {@code shared/data/mnist} beside the repository. */
    private static final Path MNIST = Path.of("../../shared/data/mnist").toAbsolutePath().normalize();

    static {
        LocalSpark.session();
    }

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    static Run train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Train.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * 410 samples of four inputs in [0, 1) with six decimals, the class the largest of three sums,
     * so that the last of 11 mini-batches of 40 holds 10.
     */
    private Path csv() throws IOException {
        Random random = new Random(11);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 410; i++) {
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) {
                x[j] = random.nextInt(1_000_000) / 1e6;
                s.append(String.format(Locale.ROOT, "%.6f, ", x[j]));
            }
            double[] sums = {x[0] + x[1], x[2] + 0.5 * x[3], 1.2 - x[0]};
            int label = sums[0] >= sums[1] && sums[0] >= sums[2] ? 0 : sums[1] >= sums[2] ? 1 : 2;
            s.append(label).append('\n');
        }
        return Files.writeString(dir.resolve("samples.csv"), s.toString());
    }

    @Test
    void aCsvFileTrainsToTheBytesOfTheLocalRun() throws IOException {
        Path data = csv();
        Path source = Files.writeString(dir.resolve("classes.nn"), String.join("\n",
                "network Classes {",
                "    input 4",
                "    layer hidden = dense(8, tanh)",
                "    layer out    = dense(3, softmax)",
                "    output out as class(0..2)",
                "    train {",
                "        data      csv(\"samples.csv\")",
                "        cost      cross_entropy",
                "        optimizer momentum(rate: 0.5, batch: 40, mu: 0.9, l2: 0.1)",
                "        schedule  step(every: 2, factor: 0.5)",
                "        shards    3",
                "        epochs    3",
                "        init      gaussian(0, 1) scaled",
                "        seed      3",
                "    }",
                "}", ""));
        byte[] local = Local.trained(source, dir.resolve("local.nnp"));
        Path out = dir.resolve("spark.nnp");
        Run run = train(source.toString(), "--data", data.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertArrayEquals(local, Files.readAllBytes(out));
        assertTrue(run.out().startsWith("training Classes on Spark (local[2,2], 3 shards per mini-batch): trains 3"
                + " epochs on samples.csv: momentum 0.9, rate 0.5 (times 0.5 every 2 epochs), batch 40 in 3 shards,"
                + " l2 0.1, cross_entropy cost, compiled back end\n"), run.out());
        assertTrue(run.out().contains("33 rounds of 3 tasks in "), run.out());
        assertTrue(run.out().contains("saved parameters to " + out), run.out());
    }

    @Test
    void aBadCsvLineIsAnErrorAndABadClassNamesItsRow() throws IOException {
        Path source = Files.writeString(dir.resolve("two.nn"), String.join("\n",
                "network Two {",
                "    input 1",
                "    layer out = dense(2, softmax)",
                "    output out as class(0..1)",
                "    train {",
                "        data      csv(\"two.csv\")",
                "        cost      cross_entropy",
                "        optimizer sgd(rate: 1, batch: 2)",
                "        epochs    1",
                "        seed      1",
                "    }",
                "}", ""));
        Path badClass = Files.writeString(dir.resolve("two.csv"), "0.5, 1\n0.25, 2\n");
        Run run = train(source.toString(), "--data", badClass.toString());
        assertEquals(1, run.status(), run.out());
        assertEquals(badClass + ":2:2: error: expected a class index 0..1 in column class, found 2.0",
                run.err().strip());
        Path malformed = Files.writeString(dir.resolve("bad.csv"), "0.5, 1\nabc, 0\n");
        Run bad = train(source.toString(), "--data", malformed.toString());
        assertEquals(1, bad.status(), bad.out());
        assertTrue(bad.err().startsWith(malformed + ": error: "), bad.err());
        Run missing = train(source.toString(), "--data", dir.resolve("none.csv").toString());
        assertEquals(1, missing.status(), missing.out());
        assertTrue(missing.err().startsWith(dir.resolve("none.csv") + ": error: "), missing.err());
        assertEquals(2, train(source.toString()).status(), "--data is required");
        Run shards = train(source.toString(), "--data", badClass.toString(), "--shards", "3");
        assertEquals(2, shards.status(), shards.err());
        assertTrue(shards.err().startsWith("--shards must be from 1 to the batch size of Two, 2 (" + source + ":8:9), but is 3"),
                shards.err());
        assertEquals(2, train(source.toString(), "--data", "x", "--format", "json").status());
    }

    @Test
    void fiveThousandMnistImagesInParquetTrainToTheBytesOfTheLocalRun() throws IOException {
        assumeTrue(Files.isDirectory(MNIST), "no MNIST files at " + MNIST);
        Path parquet = dir.resolve("mnist");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ConvertMnist.run(new String[] {MNIST.toString(), "--out", parquet.toString(), "--train", "5000",
                "--validation", "0"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        assertEquals("wrote " + parquet + "/train\nwrote " + parquet + "/test\n", out.toString().replace("\r\n", "\n"));

        String source = Files.readString(Path.of("../examples/mnist/mnist.nn"))
                .replace("mnist(\"data\") split(train: 50000, validation: 10000)",
                        "mnist(\"" + MNIST + "\") split(train: 5000, validation: 0)")
                .replace("sgd(rate: 3.0, batch: 10)", "sgd(rate: 10.0, batch: 500)")
                .replace("epochs    30", "epochs    2\n        shards    2")
                .replace("        expect    accuracy >= 0.95\n", "");
        assertTrue(source.contains("batch: 500") && source.contains("shards    2") && !source.contains("expect"),
                "the example no longer has the lines this test rewrites");
        Path nn = Files.writeString(dir.resolve("mnist.nn"), source);
        TrainingRun.Outcome local = Local.train(nn, dir.resolve("local.nnp"));
        String testLine = ProgressFormat.summary(((TrainingRun.Outcome.Trained) local).result()).lines()
                .filter(l -> l.startsWith("test set: ")).findFirst().orElseThrow();
        Path spark = dir.resolve("spark.nnp");
        Run run = train(nn.toString(), "--data", parquet.resolve("train").toString(), "--format", "parquet",
                "--test", parquet.resolve("test").toString(), "--out", spark.toString());
        assertEquals(0, run.status(), run.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local.nnp")), Files.readAllBytes(spark));
        assertTrue(run.out().contains("\n" + testLine + "\n"), "the test set evaluated as locally, " + testLine
                + ":\n" + run.out());
    }
}
