package nnlang.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import nnlang.maven.engine.BuildRequest;
import nnlang.runtime.BackEnd;
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

    /**
     * Also writes each network as an ONNX model, {@code <Network>.onnx}, beside its parameters (opset
     * 17, double tensors; see the interop module's README), so that the jar carries the trained
     * network for other runtimes too.
     */
    @Parameter(property = "nnlang.onnx", defaultValue = "false")
    boolean onnx;

    /** The request for the engine from this goal's configuration, with the default generated folders. */
    BuildRequest request(BackEnd backend) {
        return request(backend, Optional.empty());
    }

    /** The request for the engine, with the default generated folders and the folder for training reports. */
    BuildRequest request(BackEnd backend, Optional<Path> reportDirectory) {
        return request(backend, new File(buildDirectory, CompileMojo.GENERATED_SOURCES),
                new File(buildDirectory, CompileMojo.GENERATED_RESOURCES), reportDirectory);
    }

    /** The request for the engine from this goal's configuration. */
    BuildRequest request(BackEnd backend, File generatedSources, File generatedResources) {
        return request(backend, generatedSources, generatedResources, Optional.empty());
    }

    private BuildRequest request(BackEnd backend, File generatedSources, File generatedResources,
            Optional<Path> reportDirectory) {
        return new BuildRequest(sourceDirectory.toPath(), outputDirectory.toPath(), generatedSources.toPath(),
                generatedResources.toPath(), statusDirectory.toPath(), packageName, backend, pluginVersion, onnx,
                reportDirectory);
    }
}
