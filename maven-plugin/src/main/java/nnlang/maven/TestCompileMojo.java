package nnlang.maven;

import java.io.File;
import java.io.IOException;
import nnlang.runtime.BackEnds;
import nnlang.maven.engine.BuildInputException;
import nnlang.maven.engine.BuildLog;
import nnlang.maven.engine.BuildRequest;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The {@code compile} goal for the project's test networks: checks every {@code .nn} source under
 * {@code src/test/nn} and writes each network's facade and compiled class into folders it adds to
 * the project's test sources and test resources, so that test code can use them. Its own status
 * file keeps it incremental. Networks here are compiled, not trained: one whose source gives every
 * weight and bias gets its parameters, so its {@code trained()} works.
 */
@Mojo(name = "testCompile", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public class TestCompileMojo extends NnlangGoal {

    /** Skips this goal, as it skips compiling the tests. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean skipTests;

    /** The folder searched, with its subfolders, for the tests' {@code .nn} sources. */
    @Parameter(property = "nnlang.testSourceDirectory", defaultValue = "${project.basedir}/src/test/nn")
    File testSourceDirectory;

    /** Where the facades go, in the folders of their package; added to the project's test source folders. */
    @Parameter(property = "nnlang.generatedTestSourcesDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/nnlang")
    File generatedTestSourcesDirectory;

    /** Where the compiled classes go, in the folders of their package; added to the project's test resources. */
    @Parameter(property = "nnlang.generatedTestResourcesDirectory",
            defaultValue = "${project.build.directory}/generated-test-resources/nnlang")
    File generatedTestResourcesDirectory;

    /** The test classes folder; the status file records outputs relative to it. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", readonly = true)
    File testOutputDirectory;

    /** Where the incremental build of the test networks keeps its status file. */
    @Parameter(defaultValue = "${project.build.directory}/nnlang/test", readonly = true)
    File testStatusDirectory;

    @Override
    void run(BuildLog log) throws BuildInputException, IOException {
        if (skipTests) {
            log.info("nnlang: test networks skipped (maven.test.skip)");
            return;
        }
        compile(new BuildRequest(testSourceDirectory.toPath(), testOutputDirectory.toPath(),
                generatedTestSourcesDirectory.toPath(), generatedTestResourcesDirectory.toPath(),
                testStatusDirectory.toPath(), packageName, BackEnds.named("compiled"), pluginVersion), true, log);
    }
}
