package nnlang.spark;

import java.nio.file.Path;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.data.DataException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training {@code .nn} networks on Apache Spark from Java or Scala code:
 *
 * <pre>{@code
 * Dataset<Row> data = spark.read().parquet("mnist/train");        // columns features and label
 * TrainingResult result = NnlangSpark.train(spark, Path.of("mnist.nn"), data);
 * }</pre>
 *
 * or, with more say over the run, {@link #training}: the shards, held-out sets, the back end, a
 * listener:
 *
 * <pre>{@code
 * SparkTraining training = NnlangSpark.training(spark, Path.of("mnist.nn"), null)
 *         .shards(8).test(spark.read().parquet("mnist/test"), "mnist/test");
 * TrainingResult result = training.train(data);
 * ParameterFile.write(Path.of("Mnist.nnp"), ParameterLayout.of(training.model()), result.parameters());
 * }</pre>
 * See {@link SparkTraining} for the columns a Dataset needs and what the run computes.
 */
public final class NnlangSpark {

    private NnlangSpark() {}

    /**
     * Trains the network of {@code model} (its only network with a train block) on {@code data}, as
     * its train block says, in the block's {@code shards}.
     *
     * @throws IllegalArgumentException  when the file cannot be read or checked, or has no single
     *                                   network to train
     * @throws DataException             when the columns or a row do not fit the network
     * @throws TrainingDivergedException when training diverges
     */
    public static TrainingResult train(SparkSession spark, Path model, Dataset<Row> data)
            throws DataException, TrainingDivergedException {
        return training(spark, model, null).train(data);
    }

    /**
     * A run of the network called {@code network} in {@code model} (null: its only network with a
     * train block), to configure and then {@link SparkTraining#train}.
     *
     * @throws IllegalArgumentException when the file cannot be read or checked, or has no such network
     */
    public static SparkTraining training(SparkSession spark, Path model, String network) {
        return new SparkTraining(spark, NetworkSource.read(model, network));
    }

    /** {@link #training(SparkSession, Path, String)} of source text, named {@code fileName} in messages. */
    public static SparkTraining training(SparkSession spark, String fileName, String source, String network) {
        return new SparkTraining(spark, NetworkSource.of(fileName, source, network));
    }
}
