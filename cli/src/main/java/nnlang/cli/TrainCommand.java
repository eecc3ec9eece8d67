package nnlang.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import nnlang.frontend.CheckResult;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.pictures.TrainingReport;
import nnlang.runtime.EpochReport;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ProgressFormat;
import nnlang.runtime.TrainingResult;
import nnlang.runtime.TrainingRun;
import nnlang.runtime.data.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nnlang train FILE}: trains each network with a train block as it says ({@link TrainingRun}),
 * prints progress and a summary, and saves the parameters (beside the source as
 * {@code <Network>.nnp}, or where {@code --out} says). A failed run (bad data, divergence) leaves an
 * earlier parameter file as it was; an unmet {@code expect} line still saves the parameters but
 * exits with status 1. With {@code --report DIR}, also writes the run's metrics and pictures; with
 * {@code --shards S}, sums each mini-batch's gradient in S shards instead of the train block's.
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

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write metrics.csv (one row per epoch), curves.svg and curves.png, network.svg and,"
                    + " for a classifier, confusion.svg into DIR (into DIR/<Network> when several networks train).")
    Path report;

    @Option(names = "--shards", paramLabel = "S",
            description = "Sum each mini-batch's gradient in S shards, then the shards' sums in order: the bits a"
                    + " cluster of S workers gives (default: the train block's shards, else 1).")
    Integer shards;

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
            Path reportFolder = report == null ? null : models.size() == 1 ? report : report.resolve(model.name());
            failures += train(model, reportFolder) ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    /** Trains one network; returns whether its expectation (if any) was met. */
    private boolean train(NetworkModel model, Path reportFolder) {
        PrintWriter stdout = spec.commandLine().getOut();
        TrainingRun run = new TrainingRun(model, backend.choice);
        TrainSpec trainSpec = model.train().orElseThrow();
        if (shards != null) {
            int batch = trainSpec.optimizer().batch();
            if (shards < 1 || shards > batch) {
                throw new ParameterException(spec.commandLine(), "--shards must be from 1 to the batch size of "
                        + model.name() + ", " + batch + " (" + trainSpec.optimizer().pos() + "), but is " + shards);
            }
            run = run.withShards(shards);
            trainSpec = trainSpec.withShards(shards);
        }
        if (initFrom != null) {
            run = run.startingFrom(ParameterSource.read(initFrom, model));
        }
        TerminalProgress progress = new TerminalProgress(stdout, Terminal.isInteractive(),
                model.train().orElseThrow().epochs());
        List<TrainingRun.Listener> listeners = new ArrayList<>();
        listeners.add(new Console(stdout, progress, "training " + Describe.network(model) + ": "
                + ProgressFormat.optimizer(trainSpec) + ", " + backend.choice.name() + " back end"
                + (initFrom != null ? ", starting from " + initFrom : "")));
        TrainingReport pictures = reportFolder == null ? null : new TrainingReport(model, reportFolder);
        if (pictures != null) {
            listeners.add(pictures);
        }
        Path file = out != null ? out : ParameterFile.besideSource(source.file, model.name());
        TrainingRun.Outcome outcome;
        try {
            outcome = run.run(file, TrainingRun.BelowExpectation.SAVE, TrainingRun.Listener.all(listeners));
        } catch (ParameterFileException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (outcome instanceof TrainingRun.Outcome.Failed failed) {
            progress.clearBar();
            throw new CommandFailure(failed.message());
        }
        TrainingRun.Outcome.Trained trained = (TrainingRun.Outcome.Trained) outcome;
        stdout.println("saved parameters to " + trained.saved().orElseThrow());
        if (pictures != null) {
            try {
                List<Path> written = pictures.write(trained.result());
                stdout.println("wrote " + written.stream().map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(", ")) + " to " + reportFolder);
            } catch (IOException e) {
                throw new CommandFailure(reportFolder + ": error: cannot write the report: " + e.getMessage());
            }
        }
        trained.unmetExpectation().ifPresent(message -> spec.commandLine().getErr().println(message));
        return trained.unmetExpectation().isEmpty();
    }

    /** What the command prints: the plan once the data are loaded, the epochs, the summary. */
    private static final class Console implements TrainingRun.Listener {
        private final PrintWriter out;
        private final TerminalProgress progress;
        private final String headline;

        Console(PrintWriter out, TerminalProgress progress, String headline) {
            this.out = out;
            this.progress = progress;
            this.headline = headline;
        }

        @Override
        public void started(Network network, TrainingData data) {
            out.println(headline);
        }

        @Override
        public void epoch(EpochReport report) {
            progress.epoch(report);
        }

        @Override
        public void progress(int epoch, int done, int total) {
            progress.progress(epoch, done, total);
        }

        @Override
        public void finished(TrainingResult result) {
            out.print(ProgressFormat.summary(result));
        }
    }
}
