package nnlang.maven;

import java.io.IOException;
import nnlang.maven.engine.Backend;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.maven.engine.NetworkBuilder;
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

    @Override
    void run(BuildLog log) throws BuildInputException, IOException {
        if (trainSkip) {
            log.info("nnlang: training skipped (nnlang.train.skip)");
            return;
        }
        Backend chosen;
        try {
            chosen = Backend.byLabel(backend);
        } catch (IllegalArgumentException e) {
            throw new BuildInputException("nnlang: <backend>: " + e.getMessage());
        }
        NetworkBuilder.train(request(chosen), log);
    }
}
