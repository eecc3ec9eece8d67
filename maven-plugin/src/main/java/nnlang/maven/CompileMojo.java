package nnlang.maven;

import java.io.IOException;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.maven.engine.NetworkBuilder;
import nnlang.runtime.BackEnds;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks every {@code .nn} source and compiles each network into a class in the output folder,
 * before javac runs, so that the project's Java code can use the classes. Sources that have not
 * changed since the last build are not compiled again; the log says why a source is. A source with
 * errors fails the build with {@code FILE:LINE:COL: error: message} and the source line.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CompileMojo extends AbstractNnlangMojo {

    @Override
    void run(BuildLog log) throws BuildInputException, IOException {
        NetworkBuilder.compile(request(BackEnds.named("compiled")), log);
    }
}
