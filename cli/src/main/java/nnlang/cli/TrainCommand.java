package nnlang.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import nnlang.frontend.CheckResult;
import nnlang.model.Optimizer;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.Trainer;
import nnlang.runtime.TrainingDivergedException;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang train FILE}: trains each network with a train block as it says, prints progress
 * and a summary, and saves the parameters (beside the source as {@code <Network>.nnp}, or where
 * {@code --out} says). A failed run (bad data, divergence) leaves an earlier parameter file as it
 * was; an unmet {@code expect} line still saves the parameters but exits with status 1.
 */
@Command(name = "train", description = "Train networks as their train blocks say and save the parameters.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to save the parameters (default: <Network>.nnp beside the source).")
    Path out;

    @Option(names = "--init-from", paramLabel = "FILE",
            description = "Start from these parameters, .nnp or safetensors, instead of the train block's init.")
    Path initFrom;

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckResult result = source.check();
        List<NetworkModel> models = source.networks(result).stream().filter(m -> m.train().isPresent()).toList();
        if (models.isEmpty()) {
            throw new CommandFailure(source.file + ": no network to train: a network needs a train block");
        }
        if (out != null && models.size() > 1) {
            throw new CommandFailure("--out names one file, but " + source.file + " has " + models.size()
                    + " networks to train; choose one with --network");
        }
        if (initFrom != null && models.size() > 1) {
            throw new CommandFailure("--init-from names one file, but " + source.file + " has " + models.size()
                    + " networks to train; choose one with --network");
        }
        int failures = 0;
        for (NetworkModel model : models) {
            failures += train(model) ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    /** Trains one network; returns whether its expectation (if any) was met. */
    private boolean train(NetworkModel model) {
        PrintWriter stdout = spec.commandLine().getOut();
        TrainSpec train = model.train().orElseThrow();
        TrainingData data;
        try {
            data = DataSets.load(model);
        } catch (DataException e) {
            throw new CommandFailure(e.getMessage());
        }
        Network net = backend.create(model);
        net.setParameters(initFrom != null ? ParameterSource.read(initFrom, model) : Initializer.initialParameters(model));
        stdout.printf("training %s: %s, %s back end%s%n", Describe.network(model),
                describeOptimizer(train), backend.label(), initFrom != null ? ", starting from " + initFrom : "");
        Trainer trainer = new Trainer(model);
        TerminalProgress progress = new TerminalProgress(stdout, System.console() != null, train.epochs());
        Path file = out != null ? out : ParameterFile.besideSource(source.file, model.name());
        TrainingResult trained;
        try {
            trained = trainer.train(net, data, progress);
        } catch (TrainingDivergedException e) {
            progress.clearBar();
            throw new CommandFailure(e.getMessage() + "\n  nothing saved: "
                    + (Files.exists(file) ? file + " keeps the parameters it had" : "there is no " + file));
        }
        stdout.print(ProgressFormat.summary(trained));
        try {
            ParameterFile.write(file, ParameterLayout.of(model), trained.parameters());
        } catch (ParameterFileException e) {
            throw new CommandFailure(e.getMessage());
        }
        stdout.println("saved parameters to " + file);
        Optional<String> unmet = trainer.unmetExpectation(trained);
        unmet.ifPresent(message -> spec.commandLine().getErr().println(message));
        return unmet.isEmpty();
    }

    private static String describeOptimizer(TrainSpec train) {
        Optimizer optimizer = train.optimizer();
        String name = optimizer instanceof Optimizer.Momentum m ? "momentum " + m.mu() + ", rate " : "SGD rate ";
        String schedule = train.schedule()
                .map(s -> " (times " + s.factor() + " every " + Describe.plural(s.every(), "epoch") + ")").orElse("");
        return name + optimizer.rate() + schedule + ", batch " + optimizer.batch()
                + (optimizer.l2() > 0 ? ", l2 " + optimizer.l2() : "")
                + ", " + train.cost().keyword() + " cost";
    }
}
