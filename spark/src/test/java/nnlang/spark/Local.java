package nnlang.spark;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnds;
import nnlang.runtime.TrainingRun;

/** The local side of the comparisons: a {@code .nn} file trained as {@code nnlang train} trains it. */
final class Local {

    private Local() {}

    /** The only network of {@code source}, checked. */
    static NetworkModel model(Path source) {
        CheckResult result = FrontEnd.check(source);
        if (result.hasErrors()) {
            throw new AssertionError(result.formatDiagnostics());
        }
        return result.networks().get(0);
    }

    /** Trains the network of {@code source} locally and returns the outcome; the parameters go to {@code out}. */
    static TrainingRun.Outcome train(Path source, Path out) {
        return new TrainingRun(model(source), BackEnds.named("compiled"))
                .run(out, TrainingRun.BelowExpectation.SAVE, new TrainingRun.Listener() {
                    @Override
                    public void epoch(nnlang.runtime.EpochReport report) {}
                });
    }

    /** The parameter file's bytes after a local run that must train to its end. */
    static byte[] trained(Path source, Path out) throws java.io.IOException {
        assertInstanceOf(TrainingRun.Outcome.Trained.class, train(source, out));
        return Files.readAllBytes(out);
    }
}
