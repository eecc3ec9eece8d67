package nnlang.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import nnlang.model.NetworkModel;
import nnlang.runtime.EpochReport;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.ProgressListener;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.data.DataException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class nnlang.spark.Train nnlang-spark.jar model.nn --data PATH}: trains a
 * network on Spark as its train block says ({@link SparkTraining}), from a CSV file or a Parquet
 * data set, prints the progress as {@code nnlang train} does, and saves the parameters on the
 * driver. Exit status: 0 trained, 1 a problem with the source, the data or the training (a
 * divergence, an unmet {@code expect} line: the parameters are saved all the same), 2 a wrong
 * command line. Without a master from {@code spark-submit} or {@code --master}, Spark runs in this
 * JVM ({@code local[*]}).
 */
@Command(name = "nnlang.spark.Train", mixinStandardHelpOptions = true, versionProvider = Train.Version.class,
        sortOptions = false, description = "Train a network of a .nn file on Apache Spark, in the shards of its"
        + " train block: the parameters a local run in as many shards gives, bit for bit.")
public final class Train implements Callable<Integer> {

    /** The formats of {@code --format}. */
    enum Format { csv, parquet }

    @Parameters(index = "0", paramLabel = "FILE", description = "The .nn source file.")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "The training samples: a CSV file or folder (inputs then targets on each line; a"
                    + " classifier: one class index), or Parquet (columns features and label, or numbers only).")
    String data;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv or parquet (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--header", description = "The CSV files start with a header line.")
    boolean header;

    @Option(names = "--validation", paramLabel = "PATH", description = "Held-out samples, in the same format,"
            + " evaluated after reported epochs (collected on the driver).")
    String validation;

    @Option(names = "--test", paramLabel = "PATH", description = "Test samples, in the same format: evaluated"
            + " after reported epochs on the driver, and what the expect line is checked on.")
    String test;

    @Option(names = {"-n", "--network"}, paramLabel = "NAME",
            description = "The network to train when the file has several with a train block.")
    String network;

    @Option(names = "--shards", paramLabel = "S", description = "Shards per mini-batch, and tasks per round"
            + " (default: the train block's shards).")
    Integer shards;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "compiled",
            description = "The back end on the driver and the executors (default: ${DEFAULT-VALUE}).")
    String backEnd;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where the driver saves the parameters (default: <Network>.nnp beside the source).")
    Path out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark's master, e.g. local[4] (default:"
            + " spark-submit's, else local[*]).")
    String master;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Train()).setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof Failure) {
                err.println(e.getMessage());
                return 1;
            }
            throw e;
        });
        return line.execute(args);
    }

    /** A problem the user can act on: printed as it is, status 1. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = session();
        try {
            SparkTraining training;
            try {
                training = NnlangSpark.training(spark, file, network);
            } catch (IllegalArgumentException e) {
                throw new Failure(e.getMessage());
            }
            NetworkModel model = training.model();
            if (shards != null) {
                int batch = model.train().orElseThrow().optimizer().batch();
                if (shards < 1 || shards > batch) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--shards must be from 1 to the"
                            + " batch size of " + model.name() + ", " + batch + " ("
                            + model.train().orElseThrow().optimizer().pos() + "), but is " + shards);
                }
                training.shards(shards);
            }
            try {
                training.backEnd(backEnd);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--backend: " + e.getMessage());
            }
            training.dataName(data).listener(new ProgressListener() {
                @Override
                public void epoch(EpochReport report) {
                    stdout.println(ProgressFormat.line(report));
                }
            });
            stdout.println("training " + model.name() + " on Spark (" + spark.sparkContext().master() + ", "
                    + training.shards() + (training.shards() == 1 ? " shard" : " shards") + " per mini-batch): "
                    + ProgressFormat.plan(training.trainSpec()) + ": " + ProgressFormat.optimizer(training.trainSpec())
                    + ", " + backEnd + " back end");
            if (training.shards() == 1) {
                stdout.println("  note: one shard is one task per round; write shards N in the train block, or"
                        + " pass --shards N, to spread each mini-batch over N tasks");
            }
            Path file = out != null ? out : ParameterFile.besideSource(this.file, model.name());
            TrainingResult result;
            try {
                if (validation != null) {
                    training.validation(read(spark, validation, model), validation);
                }
                if (test != null) {
                    training.test(read(spark, test, model), test);
                }
                result = training.train(read(spark, data, model));
            } catch (DataException e) {
                throw new Failure(e.getMessage());
            } catch (TrainingDivergedException e) {
                throw new Failure(e.getMessage() + "\n  nothing saved: " + (Files.exists(file)
                        ? file + " keeps the parameters it had" : "there is no " + file));
            } catch (Exception e) {
                throw new Failure(sparkProblem(e));
            }
            stdout.print(ProgressFormat.summary(result));
            RoundTimes times = training.times();
            stdout.println(String.format(Locale.ROOT, "%d rounds of %d tasks in %.1f s (%.1f ms per round);"
                    + " %d layouts of the data in %.1f s", times.rounds(), training.shards(), times.roundSeconds(),
                    1e3 * times.perRound(), times.layouts(), times.layoutSeconds()));
            try {
                Path folder = file.toAbsolutePath().getParent();
                Files.createDirectories(folder);
                ParameterFile.write(file, ParameterLayout.of(model), result.parameters());
            } catch (ParameterFileException | java.io.IOException e) {
                throw new Failure(file + ": error: cannot save the parameters: " + e.getMessage());
            }
            stdout.println("saved parameters to " + file);
            Optional<String> unmet = new Trainer(model).unmetExpectation(result);
            unmet.ifPresent(message -> spec.commandLine().getErr().println(message));
            return unmet.isEmpty() ? 0 : 1;
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }

    /**
     * What Spark said when it could not read the data ({@code AnalysisException}: a path that does
     * not exist) or a job failed ({@code SparkException}: a malformed CSV line): its first line, and
     * the first line of its deepest cause. Anything else is not about the data, and is thrown again.
     */
    private String sparkProblem(Exception e) {
        if (!(e instanceof AnalysisException) && !(e instanceof SparkException)) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String first = e.getMessage().lines().findFirst().orElse("");
        String cause = root == e || root.getMessage() == null ? "" : "\n  cause: " + root.getMessage().lines()
                .findFirst().orElse("");
        return data + ": error: " + first + cause;
    }

    /** The session of this JVM when there is one (a program that runs the command), else a new one. */
    private SparkSession session() {
        if (SparkSession.getActiveSession().isDefined()) {
            return SparkSession.getActiveSession().get();
        }
        if (SparkSession.getDefaultSession().isDefined()) {
            return SparkSession.getDefaultSession().get();
        }
        SparkSession.Builder builder = SparkSession.builder().appName("nnlang " + file.getFileName());
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }

    /**
     * The samples at {@code path}: Parquet as written, CSV with one double column per cell (the
     * inputs, then the targets or the class index) and every malformed line an error.
     */
    private Dataset<Row> read(SparkSession spark, String path, NetworkModel model) {
        if (format == Format.parquet) {
            return spark.read().parquet(path);
        }
        int targets = model.output().isClassifier() ? 1 : model.outputSize();
        StructType schema = new StructType();
        for (int i = 0; i < model.inputSize(); i++) {
            schema = schema.add("x" + (i + 1), DataTypes.DoubleType, true);
        }
        for (int k = 0; k < targets; k++) {
            schema = schema.add(model.output().isClassifier() ? "class" : "y" + (k + 1), DataTypes.DoubleType, true);
        }
        return spark.read().schema(schema).option("header", header).option("mode", "FAILFAST")
                .option("ignoreLeadingWhiteSpace", true).option("ignoreTrailingWhiteSpace", true).csv(path);
    }

    /** The version of the jar, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Train.class.getPackage().getImplementationVersion();
            return new String[] {"nnlang-spark " + (version == null ? "(development build)" : version)};
        }
    }
}
