package nnlang.maven;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.maven.engine.BuildRequest;
import nnlang.maven.engine.NetworkBuilder;
import nnlang.runtime.BackEnd;
import nnlang.runtime.BackEnds;
import nnlang.runtime.TrainingRun;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains every network that has a {@code train} block and writes its parameters as
 * {@code <Network>.nnp} beside its class, where the generated {@code trained()} method loads them,
 * so that the jar carries trained networks. Logs one line per reported epoch and a summary; an unmet
 * {@code expect accuracy} line fails the build. Networks whose source and data files have not
 * changed since the last build are not trained again.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class TrainMojo extends AbstractNnlangMojo {

    /** Skips training only; the compile goal still runs. */
    @Parameter(property = "nnlang.train.skip", defaultValue = "false")
    boolean trainSkip;

    /**
     * The back end that trains: {@code compiled} (the default; the class the compiler generates,
     * loaded in the build) or {@code interpreted} (the EJML interpreter). Both give the same bits.
     */
    @Parameter(property = "nnlang.backend", defaultValue = "compiled")
    String backend;

    /**
     * The threads training uses, an integer from 1 to 256 or {@code auto} (one per processor),
     * instead of each train block's {@code threads}. The trained parameters are the same bits for
     * any number.
     */
    @Parameter(property = "nnlang.threads")
    String threads;

    /**
     * Whether to write each trained network's report: {@code metrics.csv} (one row per epoch),
     * {@code curves.svg} and {@code curves.png}, {@code network.svg} and, for a classifier,
     * {@code confusion.svg}, into {@code reportDirectory/<Network>/}.
     */
    @Parameter(property = "nnlang.report", defaultValue = "true")
    boolean report;

    /**
     * Training saves a checkpoint after every this many epochs (under {@code target/nnlang/checkpoints}),
     * and a build interrupted while training continues from it in the next build, to the same
     * parameters; 0 saves none.
     */
    @Parameter(property = "nnlang.checkpointEvery", defaultValue = "1")
    int checkpointEvery;

    /** Where the reports go, one folder per network. */
    @Parameter(property = "nnlang.reportDirectory", defaultValue = "${project.build.directory}/nnlang")
    File reportDirectory;

    @Override
    void run(BuildLog log) throws BuildInputException, IOException {
        if (trainSkip) {
            log.info("nnlang: training skipped (nnlang.train.skip)");
            return;
        }
        BackEnd chosen;
        try {
            chosen = BackEnds.named(backend);
        } catch (IllegalArgumentException e) {
            throw new BuildInputException("nnlang: <backend>: " + e.getMessage());
        }
        if (checkpointEvery < 0) {
            throw new BuildInputException("nnlang: <checkpointEvery>: a number of epochs, at least 0, not "
                    + checkpointEvery);
        }
        java.util.OptionalInt chosenThreads;
        try {
            chosenThreads = trainingThreads();
        } catch (IllegalArgumentException e) {
            throw new BuildInputException("nnlang: <threads>: " + e.getMessage());
        }
        BuildRequest request = request(chosen, report ? Optional.of(reportDirectory.toPath()) : Optional.empty());
        NetworkBuilder.train(request.withCheckpointEvery(checkpointEvery).withThreads(chosenThreads), log);
    }

    /** The configured {@code threads}, empty when not configured. */
    private java.util.OptionalInt trainingThreads() {
        return threads == null || threads.isBlank() ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(TrainingRun.parseThreads(threads.trim()));
    }
}
