package nnlang.frontend.check;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.Optimizer;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.Init;
import nnlang.model.Optimizer;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/**
 * The train pass: checks a {@code train} block against the network it trains and builds the
 * {@link TrainSpec}. Reports {@code duplicate-statement}, {@code missing-train-setting}, the
 * {@code unknown-*} codes for cost, optimizer, schedule, init and metric names, {@code unknown-argument},
 * {@code duplicate-argument}, {@code missing-argument}, {@code bad-hyperparameter},
 * {@code not-integer}, {@code size-mismatch} (table rows, mnist shape), {@code empty-table},
 * {@code unknown-class}, {@code bad-path} and {@code cost-activation}.
 */
final class TrainChecker {
    private static final int MNIST_INPUTS = 784;
    private static final int MNIST_CLASSES = 10;
    private static final int MNIST_TRAINING_IMAGES = 60_000;
    private static final Map<String, String> REQUIRED = Map.of(
            "data", "data table { [0, 1] -> [1] }", "cost", "cost quadratic",
            "optimizer", "optimizer sgd(rate: 3.0, batch: 10)", "epochs", "epochs 30", "seed", "seed 1");

    private final String network;
    private final int inputSize;
    private final int outputSize;
    private final Optional<List<String>> classes;
    private final boolean outputsAreProbabilities;
    private final Path baseDir;
    private final Reporter reporter;

    /**
     * @param outputsAreProbabilities whether every output element comes from a sigmoid or softmax
     *                                node, which cross-entropy requires
     * @param baseDir                 the folder data paths are resolved against
     */
    TrainChecker(String network, int inputSize, int outputSize, Optional<List<String>> classes,
                 boolean outputsAreProbabilities, Path baseDir, Reporter reporter) {
        this.network = network;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.classes = classes;
        this.outputsAreProbabilities = outputsAreProbabilities;
        this.baseDir = baseDir;
        this.reporter = reporter;
    }

    /** The checked train settings, or empty when a problem was reported. */
    Optional<TrainSpec> check(TrainBlock block) {
        int before = reporter.count();
        Map<String, TrainBlock.Setting> settings = new LinkedHashMap<>();
        for (TrainBlock.Setting setting : block.settings()) {
            TrainBlock.Setting earlier = settings.putIfAbsent(setting.keyword(), setting);
            if (earlier != null) {
                reporter.error("duplicate-statement", setting.pos(), "this train block already sets "
                        + setting.keyword() + " at line " + earlier.pos().line());
            }
        }
        for (String required : List.of("data", "cost", "optimizer", "epochs", "seed")) {
            if (!settings.containsKey(required)) {
                reporter.error("missing-train-setting", block.pos(), "the train block of network " + network
                        + " has no " + required + " setting", REQUIRED.get(required));
            }
        }
        DataSpec data = settings.containsKey("data") ? data(settings.get("data")) : null;
        Cost cost = settings.get("cost") instanceof TrainBlock.Cost c ? cost(c) : null;
        Optimizer optimizer = settings.get("optimizer") instanceof TrainBlock.Optimizer o
                ? OptimizerChecker.check(o, reporter) : null;
        Optional<TrainSpec.Schedule> schedule = settings.get("schedule") instanceof TrainBlock.Schedule s
                ? schedule(s) : Optional.empty();
        OptionalLong epochs = settings.get("epochs") instanceof TrainBlock.Epochs e
                ? Literals.count(e.value(), "epochs", 0, reporter) : OptionalLong.empty();
        Init init = settings.get("init") instanceof TrainBlock.Init i ? init(i)
                : new Init.Gaussian(0.0, 1.0, false, block.pos());
        OptionalLong seed = settings.get("seed") instanceof TrainBlock.Seed s
                ? Literals.integer(s.value(), "the seed", reporter) : OptionalLong.empty();
        OptionalLong report = settings.get("report") instanceof TrainBlock.Report r
                ? Literals.count(r.every(), "report every", 1, reporter) : OptionalLong.of(0);
        Optional<TrainSpec.Expectation> expect = settings.get("expect") instanceof TrainBlock.Expect x
                ? expectation(x) : Optional.empty();
        OptionalLong shards = settings.get("shards") instanceof TrainBlock.Shards s
                ? shards(s, optimizer) : OptionalLong.of(1);
        if (reporter.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new TrainSpec(data, cost, optimizer, schedule, (int) epochs.getAsLong(), init, seed.getAsLong(),
                (int) report.getAsLong(), expect, (int) shards.getAsLong(), block.pos()));
    }

    private DataSpec data(TrainBlock.Setting setting) {
        if (setting instanceof TrainBlock.TableData table) {
            return table(table);
        }
        if (setting instanceof TrainBlock.CsvData csv) {
            Path path = resolve(csv.path(), csv.pathPos());
            return path == null ? null : new DataSpec.Csv(csv.path(), path, csv.header(), csv.pos());
        }
        return mnist((TrainBlock.MnistData) setting);
    }

    private DataSpec.Table table(TrainBlock.TableData table) {
        if (table.rows().isEmpty()) {
            reporter.error("empty-table", table.pos(), "the data table has no rows", "add rows such as [0, 1] -> [1]");
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
        return new DataSpec.Table(inputs, targets, table.pos());
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

    private DataSpec.Mnist mnist(TrainBlock.MnistData mnist) {
        if (inputSize != MNIST_INPUTS || outputSize != MNIST_CLASSES) {
            reporter.error("size-mismatch", mnist.pos(), "mnist data needs a network with " + MNIST_INPUTS
                    + " inputs and " + MNIST_CLASSES + " outputs, but network " + network + " has " + inputSize
                    + " inputs and " + outputSize + " outputs");
        }
        Arguments args = Arguments.of(mnist.split().orElse(List.of()), "split", List.of("train", "validation"),
                reporter);
        long train = args.count("train", "train", 1, 50_000);
        long validation = args.count("validation", "validation", 0, 10_000);
        if (train >= 0 && validation >= 0 && train + validation > MNIST_TRAINING_IMAGES) {
            reporter.error("bad-hyperparameter", mnist.pos(), "the split uses " + (train + validation)
                    + " images, but mnist has " + MNIST_TRAINING_IMAGES + " training images");
        }
        Path folder = resolve(mnist.path(), mnist.pathPos());
        return folder == null ? null : new DataSpec.Mnist(mnist.path(), folder, (int) train, (int) validation, mnist.pos());
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

    private Cost cost(TrainBlock.Cost setting) {
        String written = setting.name().text();
        Cost cost = Cost.byKeyword(written);
        List<String> known = Stream.of(Cost.values()).map(Cost::keyword).toList();
        if (cost == null) {
            reporter.error("unknown-cost", setting.name().pos(), "unknown cost " + written + "; expected "
                    + String.join(" or ", known), Suggestions.didYouMean(written, known));
        } else if (cost == Cost.CROSS_ENTROPY && !outputsAreProbabilities) {
            reporter.error("cost-activation", setting.pos(), "cross_entropy needs every output of network " + network
                    + " to come from a sigmoid or softmax node",
                    "use sigmoid or softmax on the output layer, or cost quadratic");
        }
        return cost;
    }

    /** {@code schedule step(every: N, factor: f)}: both required, every an integer from 1, 0 < f <= 1. */
    private Optional<TrainSpec.Schedule> schedule(TrainBlock.Schedule setting) {
        if (!setting.name().text().equals("step")) {
            reporter.error("unknown-schedule", setting.name().pos(), "unknown schedule " + setting.name().text()
                    + "; expected step(every: N, factor: f)", Suggestions.didYouMean(setting.name().text(), List.of("step")));
            return Optional.empty();
        }
        Arguments args = Arguments.of(setting.args(), "step", List.of("every", "factor"), reporter);
        for (String required : List.of("every", "factor")) {
            if (!args.has(required)) {
                reporter.error("missing-argument", setting.pos(), "step needs the argument " + required,
                        "schedule step(every: 10, factor: 0.5)");
            }
        }
        long every = args.count("every", "every", 1, 0);
        double factor = args.has("factor") ? factor(args.get("factor")) : 0.0;
        return Optional.of(new TrainSpec.Schedule((int) every, factor, setting.pos()));
    }

    /** A step schedule's factor: a finite number with 0 < factor <= 1, so that the rate never grows. */
    private double factor(TrainBlock.NamedArg arg) {
        OptionalDouble value = Literals.finite(arg.value(), reporter);
        if (value.isPresent() && !(value.getAsDouble() > 0.0 && value.getAsDouble() <= 1.0)) {
            reporter.error("bad-hyperparameter", arg.value().pos(), "the factor must be greater than 0 and at most 1, "
                    + "but is " + arg.value().text());
        }
        return value.orElse(0.0);
    }

    /** {@code shards N}: an integer from 1 to the optimizer's batch size, so that no full batch has an empty shard. */
    private OptionalLong shards(TrainBlock.Shards setting, Optimizer optimizer) {
        OptionalLong shards = Literals.count(setting.value(), "shards", 1, reporter);
        if (shards.isPresent() && optimizer != null && shards.getAsLong() > optimizer.batch()) {
            reporter.error("bad-hyperparameter", setting.value().pos(), "shards " + shards.getAsLong()
                    + " split a mini-batch of " + optimizer.batch() + " samples: a shard needs at least one sample",
                    "use at most " + optimizer.batch() + " shards, or a larger batch");
            return OptionalLong.empty();
        }
        return shards;
    }

    private Init init(TrainBlock.Init setting) {
        if (!setting.name().text().equals("gaussian")) {
            reporter.error("unknown-init", setting.name().pos(), "unknown initialisation " + setting.name().text()
                    + "; expected gaussian(mean, sd)", Suggestions.didYouMean(setting.name().text(), List.of("gaussian")));
            return null;
        }
        if (setting.args().size() != 2) {
            reporter.error("bad-hyperparameter", setting.pos(), "gaussian takes 2 numbers (mean, sd), but has "
                    + setting.args().size(), "init gaussian(0, 1)");
            return null;
        }
        OptionalDouble mean = Literals.finite(setting.args().get(0), reporter);
        OptionalDouble sd = Literals.finite(setting.args().get(1), reporter);
        if (sd.isPresent() && sd.getAsDouble() < 0) {
            reporter.error("bad-hyperparameter", setting.args().get(1).pos(), "the standard deviation must be at "
                    + "least 0, but is " + setting.args().get(1).text());
        }
        return new Init.Gaussian(mean.orElse(0.0), sd.orElse(0.0), setting.scaled(), setting.pos());
    }

    private Optional<TrainSpec.Expectation> expectation(TrainBlock.Expect setting) {
        if (!setting.metric().text().equals("accuracy")) {
            reporter.error("unknown-metric", setting.metric().pos(), "unknown metric " + setting.metric().text()
                    + "; expected accuracy", Suggestions.didYouMean(setting.metric().text(), List.of("accuracy")));
            return Optional.empty();
        }
        double minimum = setting.minimum().value();
        if (!(minimum >= 0.0 && minimum <= 1.0)) {
            reporter.error("bad-hyperparameter", setting.minimum().pos(), "an accuracy is between 0 and 1, but "
                    + setting.minimum().text() + " is not", "expect accuracy >= 0.95");
            return Optional.empty();
        }
        return Optional.of(new TrainSpec.Expectation(minimum, setting.pos()));
    }
}
