package nnlang.maven;

import java.io.File;
import java.io.IOException;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.runtime.BackEnds;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks every {@code .nn} source and, for each network, writes a Java facade
 * ({@code <Network>.java}) into a folder it adds to the project's sources, and the class nnlang
 * compiles for the network ({@code <Network>$Compiled.class}) into a folder it adds to the project's
 * resources. javac then compiles the facade with the project's own code, IDEs index it, and the
 * resources step puts the compiled class beside it. Sources that have not changed since the last
 * build are not compiled again; the log says why a source is. A source with errors fails the build
 * with {@code FILE:LINE:COL: error: message} and the source line.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CompileMojo extends AbstractNnlangMojo {

    static final String GENERATED_SOURCES = "generated-sources/nnlang";
    static final String GENERATED_RESOURCES = "generated-resources/nnlang";

    /** Where the facades go, in the folders of their package; added to the project's source folders. */
    @Parameter(property = "nnlang.generatedSourcesDirectory",
            defaultValue = "${project.build.directory}/" + GENERATED_SOURCES)
    File generatedSourcesDirectory;

    /**
     * Where the compiled classes (and the parameters of networks whose source gives every weight)
     * go, in the folders of their package; added to the project's resource folders.
     */
    @Parameter(property = "nnlang.generatedResourcesDirectory",
            defaultValue = "${project.build.directory}/" + GENERATED_RESOURCES)
    File generatedResourcesDirectory;

    @Override
    void run(BuildLog log) throws BuildInputException, IOException {
        compile(request(BackEnds.named("compiled"), generatedSourcesDirectory, generatedResourcesDirectory),
                false, log);
    }
}
