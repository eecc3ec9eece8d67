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
 *       ({@link BackEnd#create(NetworkModel)});
 *   <li>train it ({@link Trainer}), reporting to the {@link Listener};
 *   <li>check the {@code expect} line ({@link Trainer#unmetExpectation});
 *   <li>save the parameters ({@link ParameterFile#write}: written whole or not at all), unless the
 *       run fell short of its {@code expect} line and the caller discards such parameters.
 * </ol>
 * Nothing is written when the data cannot be loaded or training diverges, so an earlier parameter
 * file keeps what it had; both come back as a {@link Outcome.Failed} whose message names the
 * position.
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

    private final NetworkModel model;
    private final BackEnd backEnd;
    /** The parameters training starts from; null for the train block's initialisation. */
    private final double[] start;

    /** @throws IllegalArgumentException when the model has no train block */
    public TrainingRun(NetworkModel model, BackEnd backEnd) {
        this(model, backEnd, null);
    }

    private TrainingRun(NetworkModel model, BackEnd backEnd, double[] start) {
        if (model.train().isEmpty()) {
            throw new IllegalArgumentException("network " + model.name() + " has no train block");
        }
        this.model = model;
        this.backEnd = Objects.requireNonNull(backEnd, "backEnd");
        this.start = start;
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
        return new TrainingRun(model, backEnd, parameters.clone());
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
                model.output(), Optional.of(spec.withShards(shards)), model.pos());
        return new TrainingRun(sharded, backEnd, start);
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
        Network network = start == null ? backEnd.create(model) : backEnd.create(model, start);
        listener.started(network, data);
        Trainer trainer = new Trainer(model);
        TrainingResult result;
        try {
            result = trainer.train(network, data, listener,
                    listener.measuresEveryEpoch() ? listener::measured : null);
        } catch (TrainingDivergedException e) {
            return new Outcome.Failed(e.getMessage() + "\n  nothing saved: " + (Files.exists(parameterFile)
                    ? parameterFile + " keeps the parameters it had" : "there is no " + parameterFile));
        }
        listener.finished(result);
        Optional<String> unmet = trainer.unmetExpectation(result);
        if (unmet.isPresent() && belowExpectation == BelowExpectation.DISCARD) {
            return new Outcome.Trained(result, Optional.empty(), unmet);
        }
        createFolder(parameterFile);
        ParameterFile.write(parameterFile, ParameterLayout.of(model), result.parameters());
        return new Outcome.Trained(result, Optional.of(parameterFile), unmet);
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
