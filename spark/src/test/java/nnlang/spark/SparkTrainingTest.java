package nnlang.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.TrainingRun;
import nnlang.runtime.data.DataException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training through the Java API in Spark's local mode gives the bytes of a local run in as many
 * shards: on XOR in 1, 2 and 4 shards, with a task that fails once and runs again, and up to the
 * same divergence message.
 */
class SparkTrainingTest {

    private static final SparkSession SPARK = LocalSpark.session();

    @TempDir
    Path dir;

    /** examples/xor/xor.nn for 10 epochs in {@code shards} shards, written to {@code dir}. */
    private Path xor(int shards) throws IOException {
        String source = Files.readString(Path.of("../examples/xor/xor.nn"))
                .replace("epochs    5000", "epochs    10")
                .replace("        seed      7\n", "        seed      7\n        shards    " + shards + "\n");
        assertTrue(source.contains("epochs    10") && source.contains("shards    " + shards),
                "the example no longer has the lines this test rewrites");
        return Files.writeString(dir.resolve("xor-" + shards + ".nn"), source);
    }

    /** The rows of a table as a Dataset of double columns x1, x2, …, then y1, …. */
    static Dataset<Row> table(double[][] inputs, double[][] targets) {
        StructType schema = new StructType();
        for (int i = 0; i < inputs[0].length; i++) {
            schema = schema.add("x" + (i + 1), DataTypes.DoubleType);
        }
        for (int k = 0; k < targets[0].length; k++) {
            schema = schema.add("y" + (k + 1), DataTypes.DoubleType);
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < inputs.length; s++) {
            Object[] cells = new Object[inputs[s].length + targets[s].length];
            for (int i = 0; i < inputs[s].length; i++) {
                cells[i] = inputs[s][i];
            }
            for (int k = 0; k < targets[s].length; k++) {
                cells[inputs[s].length + k] = targets[s][k];
            }
            rows.add(RowFactory.create(cells));
        }
        return SPARK.createDataFrame(rows, schema);
    }

    private static final Dataset<Row> XOR = table(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new double[][] {{0}, {1}, {1}, {0}});

    private byte[] onSpark(SparkTraining training, Dataset<Row> data, String name) throws Exception {
        TrainingResult result = training.train(data);
        Path file = dir.resolve(name);
        ParameterFile.write(file, ParameterLayout.of(training.model()), result.parameters());
        return Files.readAllBytes(file);
    }

    @Test
    void xorTrainedOnSparkHasTheBytesOfTheLocalRunInAsManyShards() throws Exception {
        List<byte[]> runs = new ArrayList<>();
        for (int shards : new int[] {1, 2, 4}) {
            Path source = xor(shards);
            byte[] local = Local.trained(source, dir.resolve("local-" + shards + ".nnp"));
            SparkTraining training = NnlangSpark.training(SPARK, source, null);
            assertEquals(shards, training.shards(), "the train block's shards");
            byte[] spark = onSpark(training, XOR, "spark-" + shards + ".nnp");
            assertArrayEquals(local, spark, shards + " shards");
            assertEquals(10, training.times().rounds(), "one round per mini-batch");
            assertEquals(10, training.times().layouts(), "one layout per epoch");
            runs.add(local);
        }
        assertFalse(Arrays.equals(runs.get(0), runs.get(1)), "one and two shards sum in different orders");
        assertFalse(Arrays.equals(runs.get(1), runs.get(2)), "two and four shards sum in different orders");
        byte[] local = Local.trained(xor(1), dir.resolve("unsharded.nnp"));
        byte[] api = onSpark(NnlangSpark.training(SPARK, xor(1), null).shards(2), XOR, "api.nnp");
        assertArrayEquals(runs.get(1), api, "shards set through the API as in the train block");
        assertArrayEquals(runs.get(0), local);
    }

    @Test
    void aTaskThatFailsOnceAndRunsAgainGivesTheSameBytes() throws Exception {
        Path source = xor(2);
        byte[] local = Local.trained(source, dir.resolve("local.nnp"));
        int retriedBefore = FlakyBackEnd.RETRIED.get();
        FlakyBackEnd.ARMED.set(true);
        byte[] spark = onSpark(NnlangSpark.training(SPARK, source, null).backEnd(FlakyBackEnd.NAME), XOR, "flaky.nnp");
        assertFalse(FlakyBackEnd.ARMED.get(), "the fault was injected");
        assertTrue(FlakyBackEnd.RETRIED.get() > retriedBefore, "and the task ran again");
        assertArrayEquals(local, spark);
    }

    @Test
    void aDivergingRunStopsWithTheLocalRunsMessage() throws Exception {
        Path source = Files.writeString(dir.resolve("scale.nn"), String.join("\n",
                "network Scale {",
                "    input x1, x2",
                "    layer h   = dense(3, linear)",
                "    layer out = dense(1, linear)",
                "    train {",
                "        data      table { [1, 2] -> [100]  [2, 1] -> [200]  [3, 3] -> [300]  [4, 0] -> [400]"
                        + "  [0, 5] -> [50] }",
                "        cost      quadratic",
                "        optimizer sgd(rate: 0.3, batch: 2)",
                "        shards    2",
                "        epochs    100",
                "        seed      5",
                "    }",
                "}", ""));
        TrainingRun.Outcome local = Local.train(source, dir.resolve("local.nnp"));
        assertTrue(local instanceof TrainingRun.Outcome.Failed, local.toString());
        String message = ((TrainingRun.Outcome.Failed) local).message();
        Dataset<Row> data = table(new double[][] {{1, 2}, {2, 1}, {3, 3}, {4, 0}, {0, 5}},
                new double[][] {{100}, {200}, {300}, {400}, {50}});
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> NnlangSpark.training(SPARK, source, null).train(data));
        assertTrue(message.startsWith(e.getMessage() + "\n  nothing saved"), e.getMessage() + "\n---\n" + message);
        assertTrue(e.getMessage().startsWith(source + ":8:9: error: training diverged in epoch "), e.getMessage());
    }

    @Test
    void aNetworkThatDropsOutIsRefusedWithTheReason() throws Exception {
        Path source = Files.writeString(dir.resolve("drops.nn"), Files.readString(xor(2))
                .replace("layer hidden = dense(2, sigmoid)", "layer hidden = dense(2, sigmoid) dropout 0.5"));
        assertTrue(Files.readString(source).contains("dropout 0.5"), "the example no longer has the line this test rewrites");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NnlangSpark.training(SPARK, source, null));
        assertTrue(e.getMessage().contains("drops out, which training on Spark does not do yet"), e.getMessage());
    }

    @Test
    void columnsThatDoNotFitTheNetworkAreNamed() throws Exception {
        SparkTraining training = NnlangSpark.training(SPARK, xor(1), null).dataName("xor.parquet");
        DataException columns = assertThrows(DataException.class,
                () -> training.train(table(new double[][] {{0, 0, 0}}, new double[][] {{0}})));
        assertEquals("xor.parquet: error: expected 3 columns (2 inputs and 1 target) or the columns features"
                + " and target, found 4: [x1, x2, x3, y1]", columns.getMessage());
        DataException nan = assertThrows(DataException.class,
                () -> training.train(table(new double[][] {{0, 0}, {0, Double.NaN}}, new double[][] {{0}, {1}})));
        assertEquals("xor.parquet:2:2: error: column x2 is NaN, expected a finite number", nan.getMessage());
    }
}
