package nnlang.frontend.check;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.DataSpec;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/**
 * The data of a train block, checked against the network: {@code data SOURCE [split(...)]} and the
 * held-out {@code validation SOURCE} and {@code test SOURCE}. A table's rows must fit the network;
 * MNIST needs 784 inputs and 10 outputs and splits its 60,000 training images by counts; a table or
 * a CSV file is split by shares ({@code split(validation: 0.1, test: 0.1)}, the rest trains). Reports
 * {@code size-mismatch}, {@code empty-table}, {@code unknown-class}, {@code bad-path},
 * {@code unknown-argument}, {@code duplicate-argument}, {@code bad-hyperparameter},
 * {@code not-integer} and {@code held-out-twice} (a split and a file for the same set, or a held-out
 * set beside MNIST, which holds out its own).
 */
final class DataChecker {
    private static final int MNIST_INPUTS = 784;
    private static final int MNIST_CLASSES = 10;
    private static final int MNIST_TRAINING_IMAGES = 60_000;

    private final String network;
    private final int inputSize;
    private final int outputSize;
    private final Optional<List<String>> classes;
    private final Path baseDir;
    private final Constants constants;
    private final Reporter reporter;

    DataChecker(String network, int inputSize, int outputSize, Optional<List<String>> classes, Path baseDir,
            Constants constants, Reporter reporter) {
        this.network = network;
        this.constants = constants;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.classes = classes;
        this.baseDir = baseDir;
        this.reporter = reporter;
    }

    /** The data the network learns from, or null when it could not be read. */
    DataSpec data(TrainBlock.Data data) {
        if (data.source() instanceof TrainBlock.Source.Mnist mnist) {
            return mnist(mnist, data);
        }
        return source(data.source(), data.pos());
    }

    /**
     * The held-out sets: the shares of a table's or CSV file's {@code split}, and the {@code validation}
     * and {@code test} settings.
     */
    TrainSpec.HeldOut heldOut(Optional<TrainBlock.Data> data, Optional<TrainBlock.HeldOut> validation,
            Optional<TrainBlock.HeldOut> test) {
        Optional<TrainSpec.Split> split = data.flatMap(d -> d.source() instanceof TrainBlock.Source.Mnist
                ? Optional.empty() : d.split().map(args -> split(args, d.pos())));
        boolean mnist = data.isPresent() && data.get().source() instanceof TrainBlock.Source.Mnist;
        Optional<DataSpec> validationData = validation.flatMap(v -> heldOut(v, mnist,
                split.isPresent() && split.get().validation() > 0));
        Optional<DataSpec> testData = test.flatMap(t -> heldOut(t, mnist, split.isPresent() && split.get().test() > 0));
        return new TrainSpec.HeldOut(split, validationData, testData);
    }

    private Optional<DataSpec> heldOut(TrainBlock.HeldOut setting, boolean mnist, boolean split) {
        String set = setting.keyword();
        if (mnist) {
            reporter.error("held-out-twice", setting.pos(), "mnist data hold out their own " + set + " images",
                    set.equals("test") ? "remove this line: the 10,000 MNIST test images are the test set"
                            : "hold them out with data mnist(\"data\") split(train: 50000, validation: 10000)");
            return Optional.empty();
        }
        if (split) {
            reporter.error("held-out-twice", setting.pos(), "the data's split already holds out a " + set + " set",
                    "remove " + set + " from the split, or this line");
            return Optional.empty();
        }
        if (setting.source() instanceof TrainBlock.Source.Mnist) {
            reporter.error("size-mismatch", setting.source().pos(), "a " + set + " set from mnist needs mnist "
                    + "training data, which holds out its own", "data mnist(\"data\") split(train: 50000, validation: 10000)");
            return Optional.empty();
        }
        return Optional.ofNullable(source(setting.source(), setting.pos()));
    }

    /** A table or CSV source; {@code settingPos} positions the whole setting's problems. */
    private DataSpec source(TrainBlock.Source source, SourcePos settingPos) {
        if (source instanceof TrainBlock.Source.Table table) {
            return table(table, settingPos);
        }
        TrainBlock.Source.Csv csv = (TrainBlock.Source.Csv) source;
        Path path = resolve(csv.path(), csv.pathPos());
        return path == null ? null : new DataSpec.Csv(csv.path(), path, csv.header(), settingPos);
    }

    /**
     * {@code split(train: t, validation: v, test: s)} of a table or CSV file: shares, each from 0 to 1,
     * train greater than 0 and the three summing to 1 when train is given; otherwise train is the rest,
     * and validation + test must leave some.
     */
    private TrainSpec.Split split(List<TrainBlock.NamedArg> written, SourcePos pos) {
        Arguments args = Arguments.of(written, "split", List.of("train", "validation", "test"), constants, reporter);
        double validation = share("validation", args.get("validation"));
        double test = share("test", args.get("test"));
        double held = validation + test;
        if (args.has("train")) {
            Optional<NumberLiteral> trainShare = args.get("train");
            double train = share("train", trainShare);
            double sum = train + held;
            if (trainShare.isPresent() && (train == 0.0 || Math.abs(sum - 1.0) > 1e-9)) {
                reporter.error("bad-hyperparameter", trainShare.get().pos(), "the shares of a split add up to 1 "
                        + "and train is more than 0, but train is " + trainShare.get().text() + " and the"
                        + " three add up to " + sum, "split(train: 0.8, validation: 0.1, test: 0.1)");
            }
        } else if (held >= 1.0) {
            reporter.error("bad-hyperparameter", pos, "the split holds out " + held + " of the samples and leaves none"
                    + " to train on", "split(validation: 0.1, test: 0.1)");
        }
        return new TrainSpec.Split(validation, test, pos);
    }

    /** A share from 0 to 1, or 0 when absent. */
    private double share(String name, Optional<NumberLiteral> folded) {
        if (folded.isEmpty()) {
            return 0.0;
        }
        NumberLiteral arg = folded.get();
        OptionalDouble value = Literals.finite(arg, reporter);
        if (value.isPresent() && !(value.getAsDouble() >= 0.0 && value.getAsDouble() <= 1.0)) {
            reporter.error("bad-hyperparameter", arg.pos(), "a share of the samples is between 0 and 1, but "
                    + name + " is " + arg.text(), "split(validation: 0.1, test: 0.1)");
            return 0.0;
        }
        return value.orElse(0.0);
    }

    private DataSpec.Table table(TrainBlock.Source.Table table, SourcePos settingPos) {
        if (table.rows().isEmpty()) {
            reporter.error("empty-table", settingPos, "the data table has no rows", "add rows such as [0, 1] -> [1]");
            return null;
        }
        List<List<Double>> inputs = new ArrayList<>();
        List<List<Double>> targets = new ArrayList<>();
        for (TrainBlock.TableRow row : table.rows()) {
            if (row.inputs().size() != inputSize) {
                reporter.error("size-mismatch", row.pos(), "table row has " + row.inputs().size() + " inputs, but network "
                        + network + " has " + inputSize + " inputs");
            }
            inputs.add(values(row.inputs()));
            targets.add(target(row.target()));
        }
        return new DataSpec.Table(inputs, targets, settingPos);
    }

    private List<Double> target(TrainBlock.Target target) {
        if (target instanceof TrainBlock.Target.Vector vector) {
            if (vector.values().size() != outputSize) {
                reporter.error("size-mismatch", vector.pos(), "table row has " + vector.values().size()
                        + " targets, but network " + network + " has " + outputSize + " outputs");
            }
            return values(vector.values());
        }
        if (target instanceof TrainBlock.Target.Number number && classes.isEmpty()) {
            if (outputSize != 1) {
                reporter.error("size-mismatch", number.pos(), "a single number is a target only for a network with one "
                        + "output or class labels, but network " + network + " has " + outputSize + " outputs",
                        "write the targets as a list of " + outputSize + " numbers");
            }
            return values(List.of(number.value()));
        }
        String label = target instanceof TrainBlock.Target.Number number
                ? numericLabel(number.value()) : ((TrainBlock.Target.Label) target).name().text();
        if (classes.isEmpty() || !classes.get().contains(label)) {
            reporter.error("unknown-class", target.pos(), classes.isEmpty()
                    ? "network " + network + " has no class labels, so " + label + " is not a target"
                    : label + " is not one of the class labels " + String.join(", ", classes.get()),
                    classes.map(c -> Suggestions.didYouMean(label, c)).orElse("declare them: output NAME as class(...)"));
            return List.of();
        }
        List<Double> oneHot = new ArrayList<>(Collections.nCopies(outputSize, 0.0));
        oneHot.set(classes.get().indexOf(label), 1.0);
        return oneHot;
    }

    /** An integer written as a label is compared in its plain decimal form: 03 is label 3. */
    private static String numericLabel(NumberLiteral literal) {
        return literal.writtenAsInteger() ? new BigInteger(literal.text()).toString() : literal.text();
    }

    private List<Double> values(List<NumberLiteral> literals) {
        List<Double> values = new ArrayList<>();
        for (NumberLiteral literal : literals) {
            values.add(Literals.finite(literal, reporter).orElse(0.0));
        }
        return values;
    }

    private DataSpec.Mnist mnist(TrainBlock.Source.Mnist mnist, TrainBlock.Data data) {
        if (inputSize != MNIST_INPUTS || outputSize != MNIST_CLASSES) {
            reporter.error("size-mismatch", data.pos(), "mnist data needs a network with " + MNIST_INPUTS
                    + " inputs and " + MNIST_CLASSES + " outputs, but network " + network + " has " + inputSize
                    + " inputs and " + outputSize + " outputs");
        }
        Arguments args = Arguments.of(data.split().orElse(List.of()), "split", List.of("train", "validation"),
                constants, reporter);
        long train = args.count("train", "train", 1, 50_000);
        long validation = args.count("validation", "validation", 0, 10_000);
        if (train >= 0 && validation >= 0 && train + validation > MNIST_TRAINING_IMAGES) {
            reporter.error("bad-hyperparameter", data.pos(), "the split uses " + (train + validation)
                    + " images, but mnist has " + MNIST_TRAINING_IMAGES + " training images");
        }
        Path folder = resolve(mnist.path(), mnist.pathPos());
        return folder == null ? null : new DataSpec.Mnist(mnist.path(), folder, (int) train, (int) validation, data.pos());
    }

    private Path resolve(String written, SourcePos pos) {
        try {
            if (written.isBlank()) {
                throw new InvalidPathException(written, "the path is empty");
            }
            return baseDir.resolve(written).normalize();
        } catch (InvalidPathException e) {
            reporter.error("bad-path", pos, "\"" + written + "\" is not a valid path: " + e.getReason());
            return null;
        }
    }
}
