package nnlang.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.maven.engine.BuildRequest;
import nnlang.runtime.BackEnd;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The configuration both goals share, mapped into a {@link BuildRequest} for the engine, and the one
 * place that turns the engine's outcomes into Maven's:
 * <ul>
 *   <li>{@link MojoFailureException} ("BUILD FAILURE") when the project's inputs are wrong: a
 *       {@code .nn} source with errors, data that do not fit, an unmet {@code expect accuracy}, an
 *       unknown {@code backend}. The user fixes the project; the log shows each problem as
 *       {@code FILE:LINE:COL: error: message}.
 *   <li>{@link MojoExecutionException} when the plugin could not do its job although the inputs are
 *       fine: an output or status file that cannot be written, a full disk, missing permissions.
 * </ul>
 */
abstract class AbstractNnlangMojo extends AbstractMojo {

    /** Skips every nnlang goal: nothing is checked, compiled or trained. */
    @Parameter(property = "nnlang.skip", defaultValue = "false")
    boolean skip;

    /** The folder searched, with its subfolders, for {@code .nn} sources. */
    @Parameter(property = "nnlang.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn")
    File sourceDirectory;

    /**
     * Where the generated classes and the trained parameter files go, in the folders of their
     * package. The default puts them where javac's output goes, so that the project's Java sources
     * and tests can use the generated classes and the jar carries them.
     */
    @Parameter(property = "nnlang.outputDirectory", defaultValue = "${project.build.outputDirectory}")
    File outputDirectory;

    /**
     * The Java package of the generated classes, e.g. {@code org.example.nets}; empty (the default)
     * for the unnamed package. Each network becomes a class named after the network.
     */
    @Parameter(property = "nnlang.packageName", defaultValue = "")
    String packageName;

    /** Where the incremental build keeps what it built from what (delete it to rebuild everything). */
    @Parameter(defaultValue = "${project.build.directory}/nnlang", readonly = true)
    File statusDirectory;

    /**
     * A project of packaging {@code pom} has no classes for the networks to join: a parent that
     * configures the plugin for its modules is not built itself.
     */
    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    String packaging;

    /**
     * Also writes each network as an ONNX model, {@code <Network>.onnx}, beside its class and its
     * parameters (opset 17, double tensors; see the interop module's README), so that the jar
     * carries the trained network for other runtimes too.
     */
    @Parameter(property = "nnlang.onnx", defaultValue = "false")
    boolean onnx;

    /** Recorded with every build, so that another plugin version rebuilds everything. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    /** Runs the engine unless skipped, mapping its outcomes to Maven's exceptions as documented above. */
    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("nnlang: skipped (nnlang.skip)");
            return;
        }
        if ("pom".equals(packaging)) {
            getLog().info("nnlang: skipped (packaging pom has no classes)");
            return;
        }
        try {
            run(new MavenBuildLog(getLog()));
        } catch (BuildInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("nnlang: cannot write the build output: " + e.getMessage(), e);
        }
    }

    /** This goal's work. */
    abstract void run(BuildLog log) throws BuildInputException, IOException;

    /** The request for the engine from this goal's configuration. */
    BuildRequest request(BackEnd backend) {
        return request(backend, Optional.empty());
    }

    /** The request for the engine, with the folder for training reports. */
    BuildRequest request(BackEnd backend, Optional<Path> reportDirectory) {
        return new BuildRequest(sourceDirectory.toPath(), outputDirectory.toPath(), statusDirectory.toPath(),
                packageName, backend, pluginVersion, onnx, reportDirectory);
    }
}
