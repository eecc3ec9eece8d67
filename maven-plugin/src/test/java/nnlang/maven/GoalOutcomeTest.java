package nnlang.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals report a wrong project as a failure and a plugin that cannot work as an execution error,
 * and the compile goals add their generated folders to the project, main or test.
 */
class GoalOutcomeTest {

    static final String NAND = """
            network Nand {
                input x1, x2
                neuron out = perceptron(x1: -2, x2: -2, bias: 3)
                output out
            }
            """;

    @TempDir
    Path project;

    Path sources;

    @BeforeEach
    void layOut() throws IOException {
        sources = Files.createDirectories(project.resolve("src/main/nn"));
    }

    <M extends AbstractNnlangMojo> M configure(M goal, Path output) {
        goal.sourceDirectory = sources.toFile();
        goal.outputDirectory = output.toFile();
        goal.statusDirectory = project.resolve("target/nnlang").toFile();
        goal.buildDirectory = project.resolve("target").toFile();
        goal.packageName = "org.example";
        goal.pluginVersion = "1.0";
        goal.packaging = "jar";
        goal.project = new MavenProject();
        return goal;
    }

    /** A compile goal whose generated folders lie below {@code generated}. */
    CompileMojo compile(Path generated) {
        CompileMojo compile = configure(new CompileMojo(), project.resolve("target/classes"));
        compile.generatedSourcesDirectory = generated.resolve("generated-sources/nnlang").toFile();
        compile.generatedResourcesDirectory = generated.resolve("generated-resources/nnlang").toFile();
        return compile;
    }

    @Test
    void sourceWithErrorsIsAFailureOfTheProject() throws IOException {
        Files.writeString(sources.resolve("nand.nn"), NAND.replace("perceptron", "perceptorn"));
        CompileMojo compile = compile(project.resolve("target"));
        assertThrows(MojoFailureException.class, compile::execute);
    }

    @Test
    void unwritableOutputIsAnExecutionError() throws IOException {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        Path notAFolder = Files.writeString(project.resolve("target"), "a file where the build folder should be");
        CompileMojo compile = compile(notAFolder);
        assertThrows(MojoExecutionException.class, compile::execute);
    }

    @Test
    void unknownBackendIsAFailureOfTheProject() throws IOException {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        TrainMojo train = configure(new TrainMojo(), project.resolve("target/classes"));
        train.backend = "gpu";
        MojoFailureException e = assertThrows(MojoFailureException.class, train::execute);
        assertTrue(e.getMessage().contains("compiled or interpreted"), e.getMessage());
    }

    @Test
    void skipLeavesEverythingUntouched() throws Exception {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        CompileMojo compile = compile(project.resolve("target"));
        compile.skip = true;
        compile.execute();
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void parentPomIsNotBuiltItself() throws Exception {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        CompileMojo compile = compile(project.resolve("target"));
        compile.packaging = "pom";
        compile.execute();
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void compileAddsItsFacadesAsSourcesAndItsClassesAsResourcesOnce() throws Exception {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        CompileMojo compile = compile(project.resolve("target"));
        compile.execute();
        compile.execute();
        String facades = project.resolve("target/generated-sources/nnlang").toString();
        String classes = project.resolve("target/generated-resources/nnlang").toString();
        assertEquals(List.of(facades), compile.project.getCompileSourceRoots());
        assertEquals(List.of(classes), compile.project.getResources().stream().map(Resource::getDirectory).toList());
        assertTrue(Files.isRegularFile(Path.of(facades, "org/example/Nand.java")));
        assertTrue(Files.isRegularFile(Path.of(classes, "org/example/Nand$Compiled.class")));
    }

    @Test
    void testCompileBuildsTheTestNetworksIntoTheTestFolders() throws Exception {
        Path testSources = Files.createDirectories(project.resolve("src/test/nn/org/example/gates"));
        Files.writeString(testSources.resolve("nand.nn"), NAND);
        TestCompileMojo goal = new TestCompileMojo();
        goal.testSourceDirectory = project.resolve("src/test/nn").toFile();
        goal.testOutputDirectory = project.resolve("target/test-classes").toFile();
        goal.generatedTestSourcesDirectory = project.resolve("target/generated-test-sources/nnlang").toFile();
        goal.generatedTestResourcesDirectory = project.resolve("target/generated-test-resources/nnlang").toFile();
        goal.testStatusDirectory = project.resolve("target/nnlang/test").toFile();
        goal.packageName = "";
        goal.pluginVersion = "1.0";
        goal.packaging = "jar";
        goal.project = new MavenProject();
        goal.execute();
        assertEquals(List.of(goal.generatedTestSourcesDirectory.toString()), goal.project.getTestCompileSourceRoots());
        assertEquals(List.of(goal.generatedTestResourcesDirectory.toString()),
                goal.project.getTestResources().stream().map(Resource::getDirectory).toList());
        assertTrue(Files.isRegularFile(project.resolve(
                "target/generated-test-sources/nnlang/org/example/gates/Nand.java")), "package from the folder");
        assertTrue(Files.isRegularFile(project.resolve("target/nnlang/test/compile-status.properties")));
        assertEquals(List.of(), goal.project.getCompileSourceRoots(), "main sources untouched");
    }
}
