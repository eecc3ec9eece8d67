package nnlang.maven.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.FrontEnd;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that import others and use trained networks as parts: a source is built after the
 * sources it imports, and again when one of them changes, or when the trained parameters it holds
 * change.
 */
class PartsBuildTest {

    /** Uses Xor (of xor.nn) as a part under a fixed perceptron; sorts before xor.nn by path. */
    static final String ROUND = """
            import "xor.nn"
            network Round {
                input a, b
                part xor = Xor(a, b)
                fixed layer out = dense(1, perceptron) from xor weights [[1]] bias [-0.5]
            }
            """;

    static final String HALF = """
            import "nand.nn"
            network Half {
                input x1, x2
                part a = Nand(x1, x2)
                part carry = Nand(a, a)
            }
            """;

    @TempDir
    Path project;

    Path sources;
    Path classes;
    NetworkBuilderTest.RecordingLog log = new NetworkBuilderTest.RecordingLog();

    @BeforeEach
    void layOut() throws IOException {
        sources = Files.createDirectories(project.resolve("src/main/nn"));
        classes = project.resolve("target/classes");
    }

    BuildRequest request() {
        return new BuildRequest(sources, classes, project.resolve("target/generated-sources/nnlang"),
                project.resolve("target/generated-resources/nnlang"), project.resolve("target/nnlang"), "org.example",
                NetworkBuilderTest.COMPILED, "1.0");
    }

    void write(String name, String text) throws IOException {
        Files.writeString(sources.resolve(name), text);
    }

    @Test
    void aChangedImportRebuildsTheFilesThatImportIt() throws Exception {
        write("half.nn", HALF);
        write("nand.nn", NetworkBuilderTest.NAND);
        write("other.nn", NetworkBuilderTest.NAND.replace("Nand", "Other"));
        NetworkBuilder.compile(request(), log);
        write("nand.nn", "// edited\n" + NetworkBuilderTest.NAND);
        log.take();
        NetworkBuilder.Summary summary = NetworkBuilder.compile(request(), log);
        assertEquals(List.of("nand.nn", "half.nn"), summary.rebuilt(), "an imported file first");
        assertEquals(List.of("INFO nnlang: compiling nand.nn (nand.nn changed)",
                "INFO nnlang: compiling half.nn (imported nand.nn changed)",
                "INFO nnlang: compiled 2 networks (1 up to date)"), log.take());
    }

    @Test
    void aTrainedPartIsTrainedFirstAndItsParametersGoIntoTheNetworkThatUsesIt() throws Exception {
        write("round.nn", ROUND);
        write("xor.nn", NetworkBuilderTest.XOR);
        NetworkBuilder.compile(request(), log);
        assertTrue(Files.isRegularFile(project.resolve("target/generated-resources/nnlang/org/example/Round$Compiled.class")), "compiled before Xor is trained");
        log.take();
        NetworkBuilder.Summary trained = NetworkBuilder.train(request(), log);
        assertEquals(List.of("xor.nn", "round.nn"), trained.rebuilt());
        assertTrue(log.take().contains("INFO nnlang: Round from round.nn (no previous build) has the trained "
                + "parameters of Xor.nnp"));

        NetworkModel xor = FrontEnd.check(sources.resolve("xor.nn")).networks().get(0);
        double[] xorParameters = ParameterFile.read(classes.resolve("org/example/Xor.nnp"), ParameterLayout.of(xor));
        NetworkModel round = FrontEnd.check(sources.resolve("round.nn"), CheckOptions.STRUCTURE).networks().get(0);
        double[] roundParameters = ParameterFile.read(classes.resolve("org/example/Round.nnp"),
                ParameterLayout.of(round));
        assertArrayEquals(xorParameters, Arrays.copyOf(roundParameters, xorParameters.length));
        assertArrayEquals(new double[] {1, -0.5}, Arrays.copyOfRange(roundParameters, xorParameters.length,
                roundParameters.length));

        write("xor.nn", NetworkBuilderTest.XOR.replace("seed      7", "seed      8"));
        NetworkBuilder.train(request(), log);
        assertTrue(log.take().contains("INFO nnlang: Round from round.nn (imported xor.nn changed) has the trained "
                + "parameters of Xor.nnp"));

        ParameterFile.write(classes.resolve("org/example/Xor.nnp"), ParameterLayout.of(xor), new double[9]);
        NetworkBuilder.Summary again = NetworkBuilder.train(request(), log);
        assertEquals(List.of("round.nn"), again.rebuilt(), "Xor itself is up to date");
        assertTrue(log.take().contains("INFO nnlang: Round from round.nn (trained parameters Xor.nnp changed) has the "
                + "trained parameters of Xor.nnp"));
    }
}
