package nnlang.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Evaluator;
import nnlang.runtime.ProgressListener;
import nnlang.runtime.Samples;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DenseSamples;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One network trained on a Spark Dataset, as its train block says, in {@link #shards()} shards:
 * configured with the setters, then {@link #train}. The epochs, the shuffling (by the seed, on the
 * driver), the mini-batches, the schedule, the reports and the divergence checks are the local
 * trainer's ({@link Trainer}); only the mini-batch's gradient is computed on the executors
 * ({@link SparkSteps}). The result is the parameters a local run in the same number of shards
 * gives from the same samples in the same order ({@code nnlang train --shards S}), bit for bit.
 *
 * <p>The samples are numbered in the Dataset's order: its partitions in order, each partition's
 * rows in order (a single CSV or Parquet file in the order of its lines or rows). The Dataset must
 * give the same rows in the same order each time it is computed, as a file does. Its columns are
 * read as {@link SampleColumns} says. Not thread-safe: configure, then train.
 */
public final class SparkTraining {

    private final SparkSession spark;
    private final NetworkSource source;
    private final NetworkModel model;
    private int shards;
    private String backEnd = "compiled";
    private Dataset<Row> validation;
    private Dataset<Row> test;
    private String dataName = "the Dataset";
    private String validationName = "the validation Dataset";
    private String testName = "the test Dataset";
    private ProgressListener listener = ProgressListener.NONE;
    private RoundTimes times = new RoundTimes(0, 0.0, 0, 0.0);

    /**
     * @throws IllegalArgumentException when a layer of the network drops out: its masks come from one
     *                                  generator that the run draws from in sample order, which
     *                                  workers computing shards at once cannot share
     */
    SparkTraining(SparkSession spark, NetworkSource source) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.source = source;
        this.model = source.model();
        this.shards = model.train().orElseThrow().shards();
        if (model.train().orElseThrow().dropsOut()) {
            throw new IllegalArgumentException("network " + model.name() + " drops out, which training on Spark "
                    + "does not do yet: the masks come from one generator drawn in sample order; train it locally");
        }
    }

    /** The network to train. */
    public NetworkModel model() {
        return model;
    }

    /** The number of shards, and of tasks per round: the train block's {@code shards} unless set. */
    public int shards() {
        return shards;
    }

    /**
     * Sums each mini-batch's gradient in {@code shards} shards instead of the train block's number.
     *
     * @throws IllegalArgumentException when it is not from 1 to the batch size
     */
    public SparkTraining shards(int shards) {
        model.train().orElseThrow().withShards(shards);
        this.shards = shards;
        return this;
    }

    /**
     * The back end the driver and the executors run the network on ({@code compiled} unless set); the
     * bits are the same on each.
     *
     * @throws IllegalArgumentException when there is no back end of that name
     */
    public SparkTraining backEnd(String name) {
        this.backEnd = BackEnds.named(name).name();
        return this;
    }

    /** How messages name the training data (a path, say); {@code the Dataset} unless set. */
    public SparkTraining dataName(String name) {
        this.dataName = name;
        return this;
    }

    /** Held-out samples evaluated after reported epochs, on the driver: they are collected there. */
    public SparkTraining validation(Dataset<Row> data, String name) {
        this.validation = data;
        this.validationName = name;
        return this;
    }

    /**
     * The test samples, evaluated on the driver after reported epochs; the set {@code expect accuracy}
     * is checked on. Without held-out sets, the training set is evaluated, on the executors.
     */
    public SparkTraining test(Dataset<Row> data, String name) {
        this.test = data;
        this.testName = name;
        return this;
    }

    /** Hears each reported epoch and the progress within epochs, on the driver. */
    public SparkTraining listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The train block with this run's shards. */
    public TrainSpec trainSpec() {
        return model.train().orElseThrow().withShards(shards);
    }

    /** The rounds and layouts of the last {@link #train}, and their time. */
    public RoundTimes times() {
        return times;
    }

    /**
     * Trains the network from the train block's initialisation on the samples of {@code data}.
     *
     * @throws DataException              when the columns or a row do not fit the network
     * @throws TrainingDivergedException  when training diverges: the message a local run gives
     */
    public TrainingResult train(Dataset<Row> data) throws DataException, TrainingDivergedException {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Evaluator evaluator = new Evaluator(model, model.train().orElseThrow().cost());
        Optional<Samples> validationSamples = collect(validation, validationName);
        Optional<Samples> testSamples = collect(test, testName);
        SampleColumns columns = SampleColumns.of(data.schema(), model, dataName);
        JavaRDD<Sample> samples = samples(data, columns, model.inputSize(), model.outputSize())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long count;
        try {
            count = samples.count();
        } catch (Exception e) {
            samples.unpersist(false);
            throw dataProblem(e);
        }
        if (count == 0) {
            samples.unpersist(false);
            throw new DataException(dataName, "no samples");
        }
        try (SparkSteps steps = new SparkSteps(context, source, backEnd, samples, (int) count, shards, evaluator,
                validationSamples, testSamples)) {
            try {
                return new Trainer(model).train(BackEnds.named(backEnd).create(model), steps, listener, null,
                        java.util.Optional.empty(), null);
            } finally {
                times = steps.times();
            }
        }
    }

    /** Each row numbered by zipWithIndex and read into a sample. */
    private static JavaRDD<Sample> samples(Dataset<Row> data, SampleColumns columns, int inputSize, int targetSize) {
        return data.javaRDD().zipWithIndex().map(row -> {
            double[] input = new double[inputSize];
            double[] target = new double[targetSize];
            columns.read(row._1(), row._2(), input, target);
            return new Sample(Math.toIntExact(row._2()), input, target);
        });
    }

    /** A held-out Dataset brought to the driver, in its order. */
    private Optional<Samples> collect(Dataset<Row> data, String name) throws DataException {
        if (data == null) {
            return Optional.empty();
        }
        SampleColumns columns = SampleColumns.of(data.schema(), model, name);
        int in = model.inputSize();
        int out = model.outputSize();
        double[] inputs = new double[1024 * in];
        double[] targets = new double[1024 * out];
        double[] x = new double[in];
        double[] y = new double[out];
        int n = 0;
        Iterator<Row> rows = data.toLocalIterator();
        try {
            while (rows.hasNext()) {
                columns.read(rows.next(), n, x, y);
                if ((n + 1) * in > inputs.length) {
                    inputs = Arrays.copyOf(inputs, 2 * inputs.length);
                    targets = Arrays.copyOf(targets, 2 * targets.length);
                }
                System.arraycopy(x, 0, inputs, n * in, in);
                System.arraycopy(y, 0, targets, n * out, out);
                n++;
            }
        } catch (Exception e) {
            throw dataProblem(e);
        }
        if (n == 0) {
            throw new DataException(name, "no samples");
        }
        return Optional.of(new DenseSamples(in, out, Arrays.copyOf(inputs, n * in), Arrays.copyOf(targets, n * out)));
    }

    /**
     * The {@link DataException} a task threw, which Spark wraps in a {@link SparkException}; any
     * other failure is not about the data, and is thrown again as it is (Spark's exceptions are
     * checked in Java's terms but not declared).
     */
    private static DataException dataProblem(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataException d) {
                return d;
            }
        }
        throw SparkTraining.<RuntimeException>rethrow(e);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }
}
