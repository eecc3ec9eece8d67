package nnlang.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nnlang.model.NetworkModel;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.DataException;
import nnlang.runtime.data.DataSets;
import nnlang.runtime.data.TrainingData;

/**
 * One training run of a network as its {@code train} block says: what {@code nnlang train} and the
 * Maven plugin's {@code train} goal both do, in this order:
 * <ol>
 *   <li>load the block's data ({@link DataSets#load});
 *   <li>create the network on the chosen {@link BackEnd}, holding its initial parameters
 *       ({@link BackEnd#create(NetworkModel)}), or, resuming, the parameters of the run's checkpoint;
 *   <li>train it ({@link Trainer}), reporting to the {@link Listener}, and when the run checkpoints
 *       ({@link #checkpointing}) saving a checkpoint ({@link ParameterFile}, version 2, written whole
 *       or not at all) after every so many epochs;
 *   <li>check the {@code expect} line ({@link Trainer#unmetExpectation});
 *   <li>save the parameters ({@link ParameterFile#write}: written whole or not at all), unless the
 *       run fell short of its {@code expect} line and the caller discards such parameters.
 * </ol>
 * Nothing is written when the data cannot be loaded or training diverges, so an earlier parameter
 * file keeps what it had; both come back as a {@link Outcome.Failed} whose message names the
 * position. The checkpoint is deleted when the run ends, whichever way: only a run that was killed
 * leaves one, and resuming from it gives exactly the parameters the whole run would have given.
 */
public final class TrainingRun {

    /** What happens to the parameters of a run that falls short of its {@code expect} line. */
    public enum BelowExpectation {
        /** Saved all the same (the command line: the user may want to look at what was learnt). */
        SAVE,
        /** Not saved (a build: what falls short of its bar must not be packaged). */
        DISCARD
    }

    /** Hears a run from its start to its end, on the training thread. */
    public interface Listener extends ProgressListener {

        /** The data are loaded and the network created with its initial parameters; epoch 1 comes next. */
        default void started(Network network, TrainingData data) {}

        /**
         * The run continues after epoch {@code epoch} from {@code checkpoint} (called after {@link
         * #started}, which then holds the checkpoint's parameters).
         */
        default void resumed(int epoch, Path checkpoint) {}

        /** A checkpoint was there but cannot be resumed from ({@code why}); the run starts over. */
        default void startedOver(Path checkpoint, String why) {}

        /** A checkpoint was saved after {@code epoch}. */
        default void checkpointed(int epoch, Path checkpoint) {}

        /**
         * Whether to evaluate every epoch and pass it to {@link #measured}, not only the epochs
         * {@link #epoch} reports (see {@link Trainer#train(Network, TrainingData, ProgressListener,
         * java.util.function.Consumer)}).
         */
        default boolean measuresEveryEpoch() {
            return false;
        }

        /** After every epoch when {@link #measuresEveryEpoch()}: its report, evaluated. */
        default void measured(EpochReport report) {}

        /** Training ended after its last epoch; saving comes next. */
        default void finished(TrainingResult result) {}

        /** A listener that tells each of {@code listeners} everything, in their order. */
        static Listener all(List<? extends Listener> listeners) {
            List<Listener> each = List.copyOf(listeners);
            return new Listener() {
                @Override
                public void started(Network network, TrainingData data) {
                    each.forEach(l -> l.started(network, data));
                }

                @Override
                public void resumed(int epoch, Path checkpoint) {
                    each.forEach(l -> l.resumed(epoch, checkpoint));
                }

                @Override
                public void startedOver(Path checkpoint, String why) {
                    each.forEach(l -> l.startedOver(checkpoint, why));
                }

                @Override
                public void checkpointed(int epoch, Path checkpoint) {
                    each.forEach(l -> l.checkpointed(epoch, checkpoint));
                }

                @Override
                public void progress(int epoch, int done, int total) {
                    each.forEach(l -> l.progress(epoch, done, total));
                }

                @Override
                public boolean measuresEveryEpoch() {
                    return each.stream().anyMatch(Listener::measuresEveryEpoch);
                }

                @Override
                public void measured(EpochReport report) {
                    each.stream().filter(Listener::measuresEveryEpoch).forEach(l -> l.measured(report));
                }

                @Override
                public void epoch(EpochReport report) {
                    each.forEach(l -> l.epoch(report));
                }

                @Override
                public void finished(TrainingResult result) {
                    each.forEach(l -> l.finished(result));
                }
            };
        }
    }

    /** How a run ended. */
    public sealed interface Outcome {

        /**
         * The data could not be loaded, or training diverged; nothing was written.
         *
         * @param message {@code FILE:LINE:COL: error: …}; after a divergence followed by a line that
         *                says that nothing was saved and whether an earlier file keeps its parameters
         */
        record Failed(String message) implements Outcome {}

        /**
         * Training ran to its last epoch.
         *
         * @param saved            the parameter file written; empty when the expectation was not met
         *                         and the run discards such parameters
         * @param unmetExpectation the {@code expect} line's message when it was not met
         */
        record Trained(TrainingResult result, Optional<Path> saved, Optional<String> unmetExpectation)
                implements Outcome {}
    }

    /** Where and how often a run saves its checkpoints, and whether it continues from one. */
    private record Checkpointing(Path file, String fingerprint, int every, boolean resume) {}

    private final NetworkModel model;
    private final BackEnd backEnd;
    /** The parameters training starts from; null for the train block's initialisation. */
    private final double[] start;
    /** Null for a run that saves no checkpoints. */
    private final Checkpointing checkpointing;

    /** @throws IllegalArgumentException when the model has no train block */
    public TrainingRun(NetworkModel model, BackEnd backEnd) {
        this(model, backEnd, null, null);
    }

    private TrainingRun(NetworkModel model, BackEnd backEnd, double[] start, Checkpointing checkpointing) {
        if (model.train().isEmpty()) {
            throw new IllegalArgumentException("network " + model.name() + " has no train block");
        }
        this.model = model;
        this.backEnd = Objects.requireNonNull(backEnd, "backEnd");
        this.start = start;
        this.checkpointing = checkpointing;
    }

    /**
     * The same run saving a checkpoint to {@code file} after every {@code every} epochs (but the
     * last), each marked with {@code fingerprint}, what identifies the run (e.g. a digest of the
     * source); with {@code resume}, continuing from the checkpoint in {@code file} when there is one
     * of the same fingerprint and layout, else (telling the listener why) from the start.
     */
    public TrainingRun checkpointing(Path file, String fingerprint, int every, boolean resume) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoints every " + every + " epochs");
        }
        return new TrainingRun(model, backEnd, start, new Checkpointing(file, fingerprint, every, resume));
    }

    /** The conventional checkpoint of a parameter file: {@code Xor.checkpoint.nnp} beside {@code Xor.nnp}. */
    public static Path checkpointBeside(Path parameterFile) {
        String name = parameterFile.getFileName().toString();
        String stem = name.endsWith(ParameterFile.EXTENSION)
                ? name.substring(0, name.length() - ParameterFile.EXTENSION.length()) : name;
        return parameterFile.resolveSibling(stem + ".checkpoint" + ParameterFile.EXTENSION);
    }

    /**
     * The same run starting from {@code parameters} (in the order of {@link NetworkModel}, e.g. read
     * from a file) instead of the train block's initialisation.
     */
    public TrainingRun startingFrom(double[] parameters) {
        if (parameters.length != model.parameterCount()) {
            throw new IllegalArgumentException("network " + model.name() + " has " + model.parameterCount()
                    + " parameters, not " + parameters.length);
        }
        return new TrainingRun(model, backEnd, parameters.clone(), checkpointing);
    }

    /**
     * The same run with each mini-batch's gradient summed in {@code shards} shards instead of the
     * train block's {@code shards} setting (the canonical order's <b>Shards</b>).
     *
     * @throws IllegalArgumentException when {@code shards} is not from 1 to the batch size
     */
    public TrainingRun withShards(int shards) {
        TrainSpec spec = model.train().orElseThrow();
        NetworkModel sharded = new NetworkModel(model.name(), model.sourceFile(), model.inputs(), model.nodes(),
                model.output(), Optional.of(spec.withShards(shards)), model.pos(), model.parts());
        return new TrainingRun(sharded, backEnd, start, checkpointing);
    }

    /**
     * The same run on {@code threads} threads (0: one per processor) instead of the train block's
     * {@code threads}, as {@code --threads} on the command line and the plugin's {@code threads} ask.
     * The parameters are the same bits for any number.
     *
     * @throws IllegalArgumentException when {@code threads} is negative or above {@link TrainSpec#MAX_THREADS}
     */
    public TrainingRun onThreads(int threads) {
        if (threads < 0 || threads > TrainSpec.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + TrainSpec.MAX_THREADS
                    + " or auto, not " + threads);
        }
        NetworkModel threaded = new NetworkModel(model.name(), model.sourceFile(), model.inputs(), model.nodes(),
                model.output(), Optional.of(model.train().orElseThrow().withThreads(threads)), model.pos(),
                model.parts());
        return new TrainingRun(threaded, backEnd, start, checkpointing);
    }

    /**
     * A command line's or a plugin's thread count: an integer from 1 to {@link TrainSpec#MAX_THREADS},
     * or {@code auto} ({@link TrainSpec#AUTO_THREADS}).
     *
     * @throws IllegalArgumentException naming what was given and what is expected
     */
    public static int parseThreads(String text) {
        if (text.equals("auto")) {
            return TrainSpec.AUTO_THREADS;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= TrainSpec.MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("threads must be an integer from 1 to " + TrainSpec.MAX_THREADS
                + " or auto, not " + text);
    }

    /**
     * The run's first line after {@code training NAME from …} or a description of the network, e.g.
     * {@code trains 5000 epochs on a table of 4 samples: SGD rate 2.0, batch 4, quadratic cost}.
     */
    public String plan() {
        return ProgressFormat.plan(model.train().orElseThrow()) + ": "
                + ProgressFormat.optimizer(model.train().orElseThrow());
    }

    /**
     * Runs the steps above and saves the parameters to {@code parameterFile} (creating its folder).
     *
     * @throws ParameterFileException when the parameter file cannot be written
     */
    public Outcome run(Path parameterFile, BelowExpectation belowExpectation, Listener listener) {
        TrainingData data;
        try {
            data = DataSets.load(model);
        } catch (DataException e) {
            return new Outcome.Failed(e.getMessage());
        }
        ParameterLayout layout = ParameterLayout.of(model);
        Optional<ParameterFile.Contents> resumed = resumable(layout, listener);
        double[] parameters = resumed.map(ParameterFile.Contents::parameters).orElse(start);
        Network network = parameters == null ? backEnd.create(model) : backEnd.create(model, parameters);
        listener.started(network, data);
        resumed.ifPresent(c -> listener.resumed(c.checkpoint().orElseThrow().epoch(), checkpointing.file()));
        Trainer trainer = new Trainer(model);
        TrainingResult result;
        try {
            result = trainer.train(network, data, listener, listener.measuresEveryEpoch() ? listener::measured : null,
                    resumed.flatMap(ParameterFile.Contents::checkpoint), checkpoints(layout, listener));
        } catch (TrainingDivergedException e) {
            deleteCheckpoint();
            return new Outcome.Failed(e.getMessage() + "\n  nothing saved: " + (Files.exists(parameterFile)
                    ? parameterFile + " keeps the parameters it had" : "there is no " + parameterFile));
        }
        listener.finished(result);
        Optional<String> unmet = trainer.unmetExpectation(result);
        if (unmet.isPresent() && belowExpectation == BelowExpectation.DISCARD) {
            deleteCheckpoint();
            return new Outcome.Trained(result, Optional.empty(), unmet);
        }
        createFolder(parameterFile);
        ParameterFile.write(parameterFile, layout, result.parameters());
        deleteCheckpoint();
        return new Outcome.Trained(result, Optional.of(parameterFile), unmet);
    }

    /**
     * The checkpoint to resume from: when the run resumes and its file holds a checkpoint of this
     * run's fingerprint. A file that holds none, or one of another run or network, is reported to the
     * listener and ignored; a damaged one fails the run.
     */
    private Optional<ParameterFile.Contents> resumable(ParameterLayout layout, Listener listener) {
        if (checkpointing == null || !checkpointing.resume() || !Files.exists(checkpointing.file())) {
            return Optional.empty();
        }
        ParameterFile.Contents contents;
        try {
            contents = ParameterFile.contents(checkpointing.file(), layout);
        } catch (ParameterFileException e) {
            if (e.getMessage().contains("for another network")) {
                listener.startedOver(checkpointing.file(), "it is of another network");
                return Optional.empty();
            }
            throw e;
        }
        if (contents.checkpoint().isEmpty()) {
            listener.startedOver(checkpointing.file(), "it holds parameters only, no training state");
            return Optional.empty();
        }
        if (!contents.checkpoint().get().fingerprint().equals(checkpointing.fingerprint())) {
            listener.startedOver(checkpointing.file(), "it is of another run (the source or its settings changed)");
            return Optional.empty();
        }
        return Optional.of(contents);
    }

    /** The trainer's checkpoints, or null when the run saves none. */
    private Trainer.Checkpoints checkpoints(ParameterLayout layout, Listener listener) {
        if (checkpointing == null) {
            return null;
        }
        return new Trainer.Checkpoints() {
            @Override
            public int every() {
                return checkpointing.every();
            }

            @Override
            public String fingerprint() {
                return checkpointing.fingerprint();
            }

            @Override
            public void save(double[] parameters, Checkpoint checkpoint) {
                createFolder(checkpointing.file());
                ParameterFile.write(checkpointing.file(), layout, parameters, checkpoint);
                listener.checkpointed(checkpoint.epoch(), checkpointing.file());
            }
        };
    }

    private void deleteCheckpoint() {
        if (checkpointing == null) {
            return;
        }
        try {
            Files.deleteIfExists(checkpointing.file());
        } catch (java.io.IOException e) {
            throw new ParameterFileException(checkpointing.file().toString(), "cannot delete the checkpoint: " + e, e);
        }
    }

    private static void createFolder(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new ParameterFileException(file.toString(), "cannot create the folder " + folder + ": " + e, e);
        }
    }
}
