package nnlang.maven;

import java.io.File;
import nnlang.maven.engine.Backend;
import nnlang.maven.engine.BuildRequest;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The configuration of the goals that build the project's main networks, {@code compile} and
 * {@code train}: where the sources are and where their outputs go, mapped into a {@link BuildRequest}
 * for the engine.
 */
abstract class AbstractNnlangMojo extends NnlangGoal {

    /** The folder searched, with its subfolders, for {@code .nn} sources. */
    @Parameter(property = "nnlang.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn")
    File sourceDirectory;

    /**
     * Where the trained parameter files go, in the folders of their package: javac's output folder,
     * so that they end up beside the classes and in the jar.
     */
    @Parameter(property = "nnlang.outputDirectory", defaultValue = "${project.build.outputDirectory}")
    File outputDirectory;

    /** Where the incremental build keeps what it built from what (delete it to rebuild everything). */
    @Parameter(defaultValue = "${project.build.directory}/nnlang", readonly = true)
    File statusDirectory;

    /** The build folder, below which the compile goal's generated folders lie by default. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** The request for the engine from this goal's configuration, with the default generated folders. */
    BuildRequest request(Backend backend) {
        return request(backend, new File(buildDirectory, CompileMojo.GENERATED_SOURCES),
                new File(buildDirectory, CompileMojo.GENERATED_RESOURCES));
    }

    /** The request for the engine from this goal's configuration. */
    BuildRequest request(Backend backend, File generatedSources, File generatedResources) {
        return new BuildRequest(sourceDirectory.toPath(), outputDirectory.toPath(), generatedSources.toPath(),
                generatedResources.toPath(), statusDirectory.toPath(), packageName, backend, pluginVersion);
    }
}
