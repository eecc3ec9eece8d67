package nnlang.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals report a wrong project as a failure and a plugin that cannot work as an execution error. */
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
        goal.packageName = "org.example";
        goal.pluginVersion = "1.0";
        goal.packaging = "jar";
        return goal;
    }

    @Test
    void sourceWithErrorsIsAFailureOfTheProject() throws IOException {
        Files.writeString(sources.resolve("nand.nn"), NAND.replace("perceptron", "perceptorn"));
        CompileMojo compile = configure(new CompileMojo(), project.resolve("target/classes"));
        assertThrows(MojoFailureException.class, compile::execute);
    }

    @Test
    void unwritableOutputIsAnExecutionError() throws IOException {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        Path notAFolder = Files.writeString(project.resolve("classes"), "a file where the output folder should be");
        CompileMojo compile = configure(new CompileMojo(), notAFolder);
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
        CompileMojo compile = configure(new CompileMojo(), project.resolve("target/classes"));
        compile.skip = true;
        compile.execute();
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void parentPomIsNotBuiltItself() throws Exception {
        Files.writeString(sources.resolve("nand.nn"), NAND);
        CompileMojo compile = configure(new CompileMojo(), project.resolve("target/classes"));
        compile.packaging = "pom";
        compile.execute();
        assertFalse(Files.exists(project.resolve("target")));
    }
}
