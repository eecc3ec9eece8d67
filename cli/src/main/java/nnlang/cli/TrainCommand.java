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
 *
 * <p>While it trains, a run saves a checkpoint beside the parameter file ({@code
 * <Network>.checkpoint.nnp}) after every epoch, or every {@code --checkpoint-every N}; the checkpoint
 * is gone when the run ends. {@code --resume} continues a run that was killed from its checkpoint and
 * ends with the bits the whole run would have given; the checkpoint carries a digest of the source,
 * so a changed source trains from the start.
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

    @Option(names = "--resume",
            description = "Continue an interrupted run from its checkpoint (<Network>.checkpoint.nnp beside the"
                    + " parameters), to the same bits as an uninterrupted run.")
    boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "Save a checkpoint after every N epochs (default 1); 0 saves none.")
    int checkpointEvery;

    @Option(names = "--shards", paramLabel = "S",
            description = "Sum each mini-batch's gradient in S shards, then the shards' sums in order: the bits a"
                    + " cluster of S workers gives (default: the train block's shards, else 1).")
    Integer shards;

    @Mixin
    BackendOption backend;

    @Option(names = "--threads", paramLabel = "N", converter = ThreadsConverter.class,
            description = "Train on N threads (1 to 256) or auto, one per processor, instead of the train block's"
                    + " threads: the same parameters, bit for bit.")
    Integer threads;

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
        if (checkpointEvery < 0) {
            throw new CommandFailure("--checkpoint-every takes a number of epochs, at least 0, not " + checkpointEvery);
        }
        if (resume && checkpointEvery == 0) {
            throw new CommandFailure("--resume continues from a checkpoint, which --checkpoint-every 0 never saves");
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
        if (threads != null) {
            run = run.onThreads(threads);
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
        Path checkpoint = TrainingRun.checkpointBeside(file);
        if (checkpointEvery > 0) {
            run = run.checkpointing(checkpoint, fingerprint(model), checkpointEvery, resume);
            if (!resume && java.nio.file.Files.exists(checkpoint)) {
                stdout.println("note: " + checkpoint + " holds an interrupted run; this run starts over"
                        + " (--resume continues it)");
            }
        }
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

    /** Reads {@code --threads}: an integer from 1 to 256, or {@code auto} (0). */
    static final class ThreadsConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return TrainingRun.parseThreads(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * What identifies a run, so that a checkpoint is resumed only by the run that wrote it: the
     * SHA-256 of the source file and the network's name.
     */
    private String fingerprint(NetworkModel model) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(java.nio.file.Files.readAllBytes(source.file));
            return "source sha256 " + java.util.HexFormat.of().formatHex(digest) + ", network " + model.name();
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new CommandFailure(source.file + ": error: cannot read the source again: " + e.getMessage());
        }
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
        public void resumed(int epoch, Path checkpoint) {
            out.println("resuming after epoch " + epoch + " from " + checkpoint);
        }

        @Override
        public void startedOver(Path checkpoint, String why) {
            out.println("not resuming from " + checkpoint + ": " + why + "; training from the start");
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
