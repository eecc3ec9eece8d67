package nnlang.maven;

import java.io.IOException;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.maven.engine.BuildRequest;
import nnlang.maven.engine.NetworkBuilder;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every nnlang goal shares, and the one place that turns the engine's outcomes into Maven's:
 * <ul>
 *   <li>{@link MojoFailureException} ("BUILD FAILURE") when the project's inputs are wrong: a
 *       {@code .nn} source with errors, two networks that would be one class, data that do not fit,
 *       an unmet {@code expect accuracy}, an unknown {@code backend}. The user fixes the project; the
 *       log shows each problem as {@code FILE:LINE:COL: error: message}.
 *   <li>{@link MojoExecutionException} when the plugin could not do its job although the inputs are
 *       fine: an output or status file that cannot be written, a full disk, missing permissions.
 * </ul>
 */
abstract class NnlangGoal extends AbstractMojo {

    /** Skips every nnlang goal: nothing is checked, compiled or trained. */
    @Parameter(property = "nnlang.skip", defaultValue = "false")
    boolean skip;

    /**
     * The Java package of the generated classes, e.g. {@code org.example.nets}. When it is not set
     * (the default), each source's package is its folder below the source folder:
     * {@code src/main/nn/org/example/xor.nn} gives {@code org.example.Xor}, and a source directly in
     * the source folder gives a class in the unnamed package.
     */
    @Parameter(property = "nnlang.packageName", defaultValue = "")
    String packageName;

    /**
     * A project of packaging {@code pom} has no classes for the networks to join: a parent that
     * configures the plugin for its modules is not built itself.
     */
    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    String packaging;

    /** Recorded with every build, so that another plugin version rebuilds everything. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    String pluginVersion;

    /** The project, to which the compile goals add their generated source and resource folders. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Runs the goal unless skipped, mapping the engine's outcomes to Maven's exceptions as documented above. */
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

    /**
     * Adds the request's generated folders to the project, as main or test sources and resources,
     * then compiles. The folders are added first, so that a failed build leaves the project as
     * javac and an IDE would see it after a successful one.
     */
    void compile(BuildRequest request, boolean test, BuildLog log) throws BuildInputException, IOException {
        String sources = request.generatedSources().toString();
        String resources = request.generatedResources().toString();
        if (test) {
            if (!project.getTestCompileSourceRoots().contains(sources)) {
                project.addTestCompileSourceRoot(sources);
            }
            if (project.getTestResources().stream().noneMatch(r -> resources.equals(r.getDirectory()))) {
                project.addTestResource(resource(resources));
            }
        } else {
            if (!project.getCompileSourceRoots().contains(sources)) {
                project.addCompileSourceRoot(sources);
            }
            if (project.getResources().stream().noneMatch(r -> resources.equals(r.getDirectory()))) {
                project.addResource(resource(resources));
            }
        }
        NetworkBuilder.compile(request, log);
    }

    private static Resource resource(String directory) {
        Resource r = new Resource();
        r.setDirectory(directory);
        return r;
    }
}
