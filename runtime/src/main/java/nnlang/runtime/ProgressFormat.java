package nnlang.runtime;

import java.util.List;
import java.util.Locale;
import nnlang.model.DataSpec;
import nnlang.model.Optimizer;
import nnlang.model.TrainSpec;

/**
 * Plain-text lines for a training run, its progress and its summary, as the command line and the
 * Maven plugin print them.
 */
public final class ProgressFormat {

    private ProgressFormat() {}

    /**
     * What a train block asks for, e.g. {@code trains 5000 epochs on a table of 4 samples}, {@code
     * trains 30 epochs on MNIST in "data"}, {@code trains 10 epochs on "or.csv"}.
     */
    public static String plan(TrainSpec train) {
        return "trains " + plural(train.epochs(), "epoch") + " on " + data(train.data());
    }

    /**
     * How a train block learns, e.g. {@code SGD rate 3.0, batch 10, quadratic cost}, with {@code
     * l2 5.0} after the batch when there is weight decay and {@code (times 0.5 every 10 epochs)}
     * after the rate with a schedule, {@code in 4 shards} after the batch with more than one; other optimizers name their hyper-parameters first, e.g.
     * {@code Adam beta1 0.9, beta2 0.999, epsilon 1.0E-8, rate 0.001, batch 32, cross_entropy cost}.
     */
    public static String optimizer(TrainSpec train) {
        Optimizer optimizer = train.optimizer();
        String name;
        if (optimizer instanceof Optimizer.Momentum m) {
            name = "momentum " + m.mu() + ",";
        } else if (optimizer instanceof Optimizer.Nesterov n) {
            name = "Nesterov momentum " + n.mu() + ",";
        } else if (optimizer instanceof Optimizer.RmsProp r) {
            name = "RMSProp rho " + r.rho() + ", epsilon " + r.epsilon() + ",";
        } else if (optimizer instanceof Optimizer.Adam a) {
            name = (a.decoupled() ? "AdamW" : "Adam") + " beta1 " + a.beta1() + ", beta2 " + a.beta2() + ", epsilon "
                    + a.epsilon() + ",";
        } else {
            name = "SGD";
        }
        String schedule = train.schedule().map(ProgressFormat::schedule).orElse("");
        String decay = optimizer.l2() > 0 ? ", l2 " + optimizer.l2()
                : optimizer instanceof Optimizer.Adam a && a.weightDecay() > 0 ? ", weight decay " + a.weightDecay() : "";
        return name + " rate " + optimizer.rate() + schedule + ", batch " + optimizer.batch()
                + (train.shards() > 1 ? " in " + train.shards() + " shards" : "") + decay
                + ", " + train.cost().keyword() + " cost";
    }

    /** {@code  (times 0.5 every 10 epochs)}, {@code  (warmup 3 epochs, cosine over 30 epochs)}, ... */
    private static String schedule(TrainSpec.Schedule schedule) {
        String decay = schedule.decay().map(d -> {
            if (d instanceof TrainSpec.Decay.Step step) {
                return "times " + step.factor() + " every " + plural(step.every(), "epoch");
            }
            if (d instanceof TrainSpec.Decay.Exponential e) {
                return "times " + e.factor() + " every epoch";
            }
            return "cosine over " + plural(((TrainSpec.Decay.Cosine) d).epochs(), "epoch");
        }).orElse("");
        String warmup = schedule.warmup() > 0 ? "warmup " + plural(schedule.warmup(), "epoch") : "";
        return " (" + warmup + (warmup.isEmpty() || decay.isEmpty() ? "" : ", ") + decay + ")";
    }

    private static String data(DataSpec data) {
        if (data instanceof DataSpec.Table table) {
            return "a table of " + plural(table.inputs().size(), "sample");
        } else if (data instanceof DataSpec.Csv csv) {
            return csv.written();
        } else if (data instanceof DataSpec.Mnist mnist) {
            return "MNIST in " + mnist.written();
        }
        throw new AssertionError(data);
    }

    /** {@code 1 epoch}, {@code 2 epochs}. */
    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * One line per report, e.g. {@code epoch  500/5000  cost 0.1234  accuracy 75.00%  (0.1 s)}; with
     * held-out sets, each is named, after the epoch's training cost: {@code epoch  3/30  training cost
     * 0.05521  validation cost 0.05112  accuracy 94.12%  test cost 0.04987  accuracy 94.50%  (7.4 s)}.
     * Without them the line shows the training set's evaluation after the epoch. The time is the wall
     * time since training started. When the report carries a scheduled rate, it follows the epoch:
     * {@code epoch 11/30  rate 0.2500  …}.
     */
    public static String line(EpochReport report) {
        int width = Integer.toString(report.epochs()).length();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d", report.epoch(),
                report.epochs()));
        report.rate().ifPresent(rate -> s.append("  rate ").append(String.format(Locale.ROOT, "%.4g", rate)));
        boolean named = report.evaluations().size() > 1
                || report.primary().set() != Evaluation.DataSet.TRAINING;
        if (named) {
            report.trainingCost().ifPresent(c -> s.append("  training cost ").append(cost(c)));
        }
        for (Evaluation e : report.evaluations()) {
            s.append("  ");
            if (named) {
                s.append(e.set().label()).append(' ');
            }
            s.append("cost ").append(cost(e.cost())).append("  accuracy ").append(percent(e.accuracy()));
        }
        return s.append(String.format(Locale.ROOT, "  (%.1f s)", report.elapsedSeconds())).toString();
    }

    /**
     * Several lines after training: epochs and time (and whether training stopped early, and which
     * epoch's parameters were kept), the primary set's cost and accuracy, and for a
     * classifier the confusion matrix on that set (rows: actual class, columns: predicted class) with
     * each class's accuracy in a last column.
     */
    public static String summary(TrainingResult result) {
        EpochReport last = result.last();
        Evaluation primary = last.primary();
        StringBuilder s = new StringBuilder();
        int run = result.epochsRun();
        String threads = result.threads().describe();
        s.append(String.format(Locale.ROOT, "trained %d epoch%s in %.1f s (%s per epoch)%s%s%n", run,
                run == 1 ? "" : "s", result.trainingSeconds(),
                duration(run == 0 ? 0.0 : result.trainingSeconds() / run),
                threads.isEmpty() ? "" : " " + threads,
                result.stoppedEarly() ? ", stopped early: the validation set stopped improving" : ""));
        result.keptEpoch().ifPresent(e -> s.append(String.format(Locale.ROOT,
                "kept the parameters of epoch %d, the best on the validation set%n", e)));
        s.append(String.format(Locale.ROOT, "%s set: cost %s, accuracy %s (%d of %d)%n", primary.set().label(),
                cost(primary.cost()), percent(primary.accuracy()), primary.correct(), primary.size()));
        primary.confusion().ifPresent(m -> confusion(m, primary.set(), s));
        return s.toString();
    }

    private static void confusion(ConfusionMatrix m, Evaluation.DataSet set, StringBuilder s) {
        List<String> classes = m.classes();
        int width = "actual".length();
        for (int a = 0; a < classes.size(); a++) {
            width = Math.max(width, classes.get(a).length());
            for (int p = 0; p < classes.size(); p++) {
                width = Math.max(width, Integer.toString(m.count(a, p)).length());
            }
        }
        String cell = "%" + (width + 2) + "s";
        s.append("confusion matrix, ").append(set.label())
                .append(" set (rows: actual class, columns: predicted class):").append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "%-" + width + "s", "actual"));
        for (String c : classes) {
            s.append(String.format(Locale.ROOT, cell, c));
        }
        s.append(String.format(Locale.ROOT, "%10s", "accuracy")).append(System.lineSeparator());
        for (int a = 0; a < classes.size(); a++) {
            s.append(String.format(Locale.ROOT, "%-" + width + "s", classes.get(a)));
            for (int p = 0; p < classes.size(); p++) {
                s.append(String.format(Locale.ROOT, cell, m.count(a, p)));
            }
            double accuracy = m.accuracy(a);
            s.append(String.format(Locale.ROOT, "%10s", Double.isNaN(accuracy) ? "-" : percent(accuracy)))
                    .append(System.lineSeparator());
        }
    }

    /** A short duration: seconds with two decimals from one second up, else milliseconds, e.g. {@code 0.200 ms}. */
    static String duration(double seconds) {
        return seconds >= 1.0 ? String.format(Locale.ROOT, "%.2f s", seconds)
                : String.format(Locale.ROOT, "%.3g ms", 1e3 * seconds);
    }

    /** A share as a percentage with two decimals, e.g. {@code 75.00%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** A cost with four significant digits, e.g. {@code 0.1234} or {@code 1.234e-05}. */
    static String cost(double cost) {
        return String.format(Locale.ROOT, "%.4g", cost);
    }
}
