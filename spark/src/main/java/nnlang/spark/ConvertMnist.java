package nnlang.spark;

import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nnlang.spark.ConvertMnist FOLDER --out DIR}: the four MNIST IDX files of {@code FOLDER}
 * as Parquet data sets that {@link Train} reads ({@code --format parquet}): {@code DIR/train},
 * {@code DIR/validation} (when the split holds images back) and {@code DIR/test}, each one file of
 * rows {@code features} (784 doubles, pixel / 255.0: the values {@code data mnist(...)} trains on)
 * and {@code label} (the digit), in the files' order. The split is the train block's:
 * {@code --train 50000 --validation 10000} by default. An executor reads the IDX files, so in a
 * cluster they must be where it can read them; converting in local mode and copying the Parquet
 * folders to the cluster's storage works everywhere.
 */
@Command(name = "nnlang.spark.ConvertMnist", mixinStandardHelpOptions = true, versionProvider = Train.Version.class,
        description = "Write the MNIST IDX files as Parquet data sets (features, label) for nnlang.spark.Train.")
public final class ConvertMnist implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FOLDER", description = "The folder with the four MNIST IDX files (gzip or raw).")
    Path folder;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Where to write train, validation and test (folders that must not exist yet).")
    String out;

    @Option(names = "--train", paramLabel = "N", defaultValue = "50000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "10000",
            description = "Images held out after them (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--master", paramLabel = "URL", description = "Spark's master (default: spark-submit's, else local[*]).")
    String master;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new ConvertMnist());
        line.setOut(out);
        line.setErr(err);
        return line.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        String images = folder.toAbsolutePath().normalize().toString();
        try {
            TrainingData data = DataSets.mnist(Path.of(images), train, validation);
            List<String> sets = new ArrayList<>(List.of("train"));
            data.validation().ifPresent(v -> sets.add("validation"));
            sets.add("test");
            boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
            SparkSession.Builder builder = SparkSession.builder().appName("nnlang convert MNIST");
            if (master != null) {
                builder.master(master);
            } else if (!new SparkConf().contains("spark.master")) {
                builder.master("local[*]");
            }
            SparkSession spark = builder.getOrCreate();
            try {
                for (String set : sets) {
                    String target = out + "/" + set;
                    spark.range(0, 1, 1, 1)
                            .mapPartitions(new Read(images, train, validation, set), Encoders.bean(MnistImage.class))
                            .write().parquet(target);
                    stdout.println("wrote " + target);
                }
            } finally {
                if (ours) {
                    spark.stop();
                }
            }
            return 0;
        } catch (DataException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    /** One image as a Parquet row. */
    public static final class MnistImage implements Serializable {
        private static final long serialVersionUID = 1L;

        private double[] features;
        private int label;

        public MnistImage() {}

        MnistImage(double[] features, int label) {
            this.features = features;
            this.label = label;
        }

        public double[] getFeatures() {
            return features;
        }

        public void setFeatures(double[] features) {
            this.features = features;
        }

        public int getLabel() {
            return label;
        }

        public void setLabel(int label) {
            this.label = label;
        }
    }

    /** The images of one set, read from the IDX files by the one task that writes them, in order. */
    private static final class Read implements MapPartitionsFunction<Long, MnistImage> {
        private static final long serialVersionUID = 1L;

        private final String folder;
        private final int train;
        private final int validation;
        private final String set;

        Read(String folder, int train, int validation, String set) {
            this.folder = folder;
            this.train = train;
            this.validation = validation;
            this.set = set;
        }

        @Override
        public Iterator<MnistImage> call(Iterator<Long> ignored) throws DataException {
            TrainingData data = DataSets.mnist(Path.of(folder), train, validation);
            Samples samples = switch (set) {
                case "train" -> data.train();
                case "validation" -> data.validation().orElseThrow();
                default -> data.test().orElseThrow();
            };
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < samples.size();
                }

                @Override
                public MnistImage next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    double[] pixels = new double[samples.inputSize()];
                    double[] digit = new double[samples.targetSize()];
                    samples.input(next, pixels);
                    samples.target(next, digit);
                    next++;
                    int label = 0;
                    while (digit[label] != 1.0) {
                        label++;
                    }
                    return new MnistImage(pixels, label);
                }
            };
        }
    }
}
