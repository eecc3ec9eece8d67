package nnlang.frontend.check;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.TrainBlock;
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
 * {@code not-integer}, {@code cost-activation}, {@code bad-stop} (a stop line's words) and
 * {@code no-validation} (stopping or keeping the best epoch without a validation set); the data's
 * codes are {@link DataChecker}'s, the optimizer's {@link OptimizerChecker}'s and the init's
 * {@link InitChecker}'s.
 */
final class TrainChecker {
    private static final Map<String, String> REQUIRED = Map.of(
            "data", "data table { [0, 1] -> [1] }", "cost", "cost quadratic",
            "optimizer", "optimizer sgd(rate: 3.0, batch: 10)", "epochs", "epochs 30", "seed", "seed 1");
    /** The words between a stop line's metric and its number of epochs. */
    private static final List<String> STALLED = List.of("has", "not", "improved", "for");

    private final String network;
    private final boolean outputsAreProbabilities;
    private final Constants constants;
    private final DataChecker data;
    private final Reporter reporter;

    /**
     * @param outputsAreProbabilities whether every output element comes from a sigmoid or softmax
     *                                node, which cross-entropy requires
     * @param baseDir                 the folder data paths are resolved against
     * @param constants               what the settings' numbers may be computed from
     */
    TrainChecker(String network, int inputSize, int outputSize, Optional<List<String>> classes,
                 boolean outputsAreProbabilities, Path baseDir, Constants constants, Reporter reporter) {
        this.network = network;
        this.outputsAreProbabilities = outputsAreProbabilities;
        this.constants = constants;
        this.data = new DataChecker(network, inputSize, outputSize, classes, baseDir, constants, reporter);
        this.reporter = reporter;
    }

    /**
     * The checked train settings, with what the layers say about their training, or empty when a
     * problem was reported.
     */
    Optional<TrainSpec> check(TrainBlock block, Map<Integer, TrainSpec.LayerTraining> layers) {
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
        Optional<TrainBlock.Data> dataSetting = Optional.ofNullable((TrainBlock.Data) settings.get("data"));
        DataSpec dataSpec = dataSetting.map(data::data).orElse(null);
        TrainSpec.HeldOut heldOut = data.heldOut(dataSetting, heldOut(settings, "validation"), heldOut(settings, "test"));
        Cost cost = settings.get("cost") instanceof TrainBlock.Cost c ? cost(c) : null;
        Optimizer optimizer = settings.get("optimizer") instanceof TrainBlock.Optimizer o
                ? OptimizerChecker.check(o, constants, reporter) : null;
        Optional<TrainSpec.Schedule> schedule = settings.get("schedule") instanceof TrainBlock.Schedule s
                ? schedule(s) : Optional.empty();
        OptionalLong epochs = settings.get("epochs") instanceof TrainBlock.Epochs e
                ? count(e.value(), "epochs", 0) : OptionalLong.empty();
        Init init = settings.get("init") instanceof TrainBlock.Init i
                ? InitChecker.check(i.initializer(), constants, reporter).orElse(null)
                : new Init.Gaussian(0.0, 1.0, false, block.pos());
        OptionalLong seed = settings.get("seed") instanceof TrainBlock.Seed s
                ? constants.fold(s.value()).map(v -> Literals.integer(v, "the seed", reporter)).orElse(OptionalLong.empty())
                : OptionalLong.empty();
        OptionalLong report = settings.get("report") instanceof TrainBlock.Report r
                ? count(r.every(), "report every", 1) : OptionalLong.of(0);
        Optional<TrainSpec.Expectation> expect = settings.get("expect") instanceof TrainBlock.Expect x
                ? expectation(x) : Optional.empty();
        Optional<TrainSpec.Stopping> stop = settings.get("stop") instanceof TrainBlock.Stop s ? stop(s) : Optional.empty();
        boolean keepBest = settings.containsKey("keep");
        OptionalLong shards = settings.get("shards") instanceof TrainBlock.Shards s
                ? shards(s, optimizer) : OptionalLong.of(1);
        if (dataSpec != null && !hasValidation(dataSpec, heldOut)) {
            for (String needing : List.of("stop", "keep")) {
                if (settings.containsKey(needing)) {
                    reporter.error("no-validation", settings.get(needing).pos(), (needing.equals("stop")
                            ? "stopping early" : "keeping the best epoch") + " needs a validation set, but network "
                            + network + " trains without one", dataSpec instanceof DataSpec.Mnist
                            ? "data mnist(\"data\") split(train: 50000, validation: 10000)"
                            : "hold some samples out: split(validation: 0.1), or validation csv(\"file.csv\")");
                }
            }
        }
        OptionalLong threads = settings.get("threads") instanceof TrainBlock.Threads t ? threads(t) : OptionalLong.of(1);
        // A failed constant was reported where it is declared, perhaps before this block: a setting
        // that reads one has no value here, and nothing more is said of it.
        if (reporter.count() > before || optimizer == null || init == null || epochs.isEmpty() || seed.isEmpty()
                || report.isEmpty() || shards.isEmpty() || threads.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrainSpec(dataSpec, cost, optimizer, schedule, (int) epochs.getAsLong(), init,
                seed.getAsLong(), (int) report.getAsLong(), expect, heldOut, layers, stop, keepBest, (int) shards.getAsLong(),
                (int) threads.getAsLong(), block.pos()));
    }

    /** {@code threads auto} as {@link TrainSpec#AUTO_THREADS}, or an integer from 1 to {@link TrainSpec#MAX_THREADS}. */
    private OptionalLong threads(TrainBlock.Threads setting) {
        if (setting.count().isEmpty()) {
            return OptionalLong.of(TrainSpec.AUTO_THREADS);
        }
        return constants.fold(setting.count().get()).map(v -> {
            OptionalLong n = Literals.integer(v, "threads", reporter);
            if (n.isPresent() && (n.getAsLong() < 1 || n.getAsLong() > TrainSpec.MAX_THREADS)) {
                reporter.error("bad-hyperparameter", v.pos(), "threads must be an integer from 1 to "
                        + TrainSpec.MAX_THREADS + " or auto, but is " + v.text(), "threads auto");
                return OptionalLong.empty();
            }
            return n;
        }).orElse(OptionalLong.empty());
    }

    /** An integer hyper-parameter from {@code min}, folded from constants. */
    private OptionalLong count(Formula f, String what, long min) {
        return constants.fold(f).map(v -> Literals.count(v, what, min, reporter)).orElse(OptionalLong.empty());
    }

    private static Optional<TrainBlock.HeldOut> heldOut(Map<String, TrainBlock.Setting> settings, String set) {
        return Optional.ofNullable((TrainBlock.HeldOut) settings.get(set));
    }

    /** Whether some samples are held out for validation: MNIST's split, a table's or file's, or a file. */
    private static boolean hasValidation(DataSpec data, TrainSpec.HeldOut heldOut) {
        if (data instanceof DataSpec.Mnist mnist) {
            return mnist.validation() > 0;
        }
        return heldOut.validation().isPresent() || heldOut.split().map(s -> s.validation() > 0).orElse(false);
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

    /**
     * {@code schedule PART, ...}: at most one decay, {@code step(every: N, factor: f)} (both required,
     * every an integer from 1, 0 < f <= 1), {@code exponential(factor: f)} or {@code cosine(epochs: N)},
     * and at most one {@code warmup(epochs: N)}, in any order.
     */
    private Optional<TrainSpec.Schedule> schedule(TrainBlock.Schedule setting) {
        Optional<TrainSpec.Decay> decay = Optional.empty();
        Name decayName = null;
        Name warmupName = null;
        int warmup = 0;
        for (TrainBlock.Call part : setting.parts()) {
            String name = part.name().text();
            if (!ScheduleParts.isKnown(part, reporter)) {
                continue;
            }
            boolean isWarmup = name.equals(ScheduleParts.WARMUP);
            Name earlier = isWarmup ? warmupName : decayName;
            if (earlier != null) {
                reporter.error("duplicate-argument", part.name().pos(), isWarmup
                        ? "the schedule already warms up, at column " + earlier.pos().column()
                        : "the schedule already decays with " + earlier.text() + " at column " + earlier.pos().column(),
                        "one decay and one warmup at most: schedule warmup(epochs: 3), cosine(epochs: 30)");
                continue;
            }
            if (isWarmup) {
                warmupName = part.name();
                warmup = ScheduleParts.warmup(part, constants, reporter);
            } else {
                decayName = part.name();
                decay = ScheduleParts.decay(part, constants, reporter);
            }
        }
        return Optional.of(new TrainSpec.Schedule(decay, warmup, setting.pos()));
    }

    /**
     * {@code stop when validation METRIC has not improved for N epochs}: the set is validation, the
     * metric accuracy or cost, N an integer from 1.
     */
    private Optional<TrainSpec.Stopping> stop(TrainBlock.Stop setting) {
        String example = "stop when validation accuracy has not improved for 5 epochs";
        if (!setting.set().text().equals("validation")) {
            reporter.error("bad-stop", setting.set().pos(), "training stops on the validation set, not "
                    + setting.set().text(), example);
        }
        TrainSpec.Metric metric = metric(setting.metric());
        List<String> words = setting.words().stream().map(Name::text).toList();
        if (!words.equals(STALLED)) {
            SourcePos at = setting.words().get(0).pos();
            for (int i = 0; i < words.size(); i++) {
                if (i >= STALLED.size() || !words.get(i).equals(STALLED.get(i))) {
                    at = setting.words().get(i).pos();
                    break;
                }
            }
            reporter.error("bad-stop", at, "expected has not improved for, found " + String.join(" ", words), example);
        }
        OptionalLong patience = Literals.count(setting.patience(), "the patience", 1, reporter);
        if (metric == null || patience.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrainSpec.Stopping(metric, (int) patience.getAsLong(), setting.pos()));
    }

    /** {@code shards N}: an integer from 1 to the optimizer's batch size, so that no full batch has an empty shard. */
    private OptionalLong shards(TrainBlock.Shards setting, Optimizer optimizer) {
        Optional<NumberLiteral> folded = constants.fold(setting.value());
        OptionalLong shards = folded.isEmpty() ? OptionalLong.empty() : Literals.count(folded.get(), "shards", 1, reporter);
        if (shards.isPresent() && optimizer != null && shards.getAsLong() > optimizer.batch()) {
            reporter.error("bad-hyperparameter", folded.get().pos(), "shards " + shards.getAsLong()
                    + " split a mini-batch of " + optimizer.batch() + " samples: a shard needs at least one sample",
                    "use at most " + optimizer.batch() + " shards, or a larger batch");
            return OptionalLong.empty();
        }
        return shards;
    }

    /** accuracy or cost, or null after reporting {@code unknown-metric}. */
    private TrainSpec.Metric metric(Name written) {
        for (TrainSpec.Metric m : TrainSpec.Metric.values()) {
            if (m.keyword().equals(written.text())) {
                return m;
            }
        }
        List<String> known = Stream.of(TrainSpec.Metric.values()).map(TrainSpec.Metric::keyword).toList();
        reporter.error("unknown-metric", written.pos(), "unknown metric " + written.text() + "; expected "
                + String.join(" or ", known), Suggestions.didYouMean(written.text(), known));
        return null;
    }

    private Optional<TrainSpec.Expectation> expectation(TrainBlock.Expect setting) {
        if (!setting.metric().text().equals("accuracy")) {
            reporter.error("unknown-metric", setting.metric().pos(), "unknown metric " + setting.metric().text()
                    + "; expected accuracy", Suggestions.didYouMean(setting.metric().text(), List.of("accuracy")));
            return Optional.empty();
        }
        Optional<NumberLiteral> folded = constants.fold(setting.minimum());
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        double minimum = folded.get().value();
        if (!(minimum >= 0.0 && minimum <= 1.0)) {
            reporter.error("bad-hyperparameter", folded.get().pos(), "an accuracy is between 0 and 1, but "
                    + folded.get().text() + " is not", "expect accuracy >= 0.95");
            return Optional.empty();
        }
        return Optional.of(new TrainSpec.Expectation(minimum, setting.pos()));
    }
}
