package nnlang.maven.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nnlang.frontend.FrontEnd;
import nnlang.interop.onnx.OnnxExport;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnds;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the {@code onnx} option, every network with parameters also gets {@code <Network>.onnx}
 * beside its class: the ONNX export of exactly the parameters written beside it; switching the
 * option on rebuilds, saying why.
 */
class OnnxOutputTest {

    @TempDir
    Path project;

    private Path sources;
    private Path classes;
    private final NetworkBuilderTest.RecordingLog log = new NetworkBuilderTest.RecordingLog();

    @BeforeEach
    void layOut() throws Exception {
        sources = Files.createDirectories(project.resolve("src/main/nn"));
        classes = project.resolve("target/classes");
        Files.writeString(sources.resolve("xor.nn"), NetworkBuilderTest.XOR);
        Files.writeString(sources.resolve("nand.nn"), NetworkBuilderTest.NAND);
    }

    private BuildRequest request(boolean onnx) {
        return new BuildRequest(sources, classes, project.resolve("target/generated-sources/nnlang"), resources(),
                project.resolve("target/nnlang"), "org.example", BackEnds.named("compiled"), "1.0", onnx,
                Optional.empty());
    }

    /** Where a network whose source gives every parameter gets its parameters and its ONNX model. */
    private Path resources() {
        return project.resolve("target/generated-resources/nnlang");
    }

    @Test
    void trainedAndPresetNetworksGetTheirOnnxModelBesideTheirParameters() throws Exception {
        NetworkBuilder.compile(request(false), log);
        NetworkBuilder.train(request(false), log);
        assertFalse(Files.exists(classes.resolve("org/example/Xor.onnx")));

        NetworkBuilder.compile(request(true), log);
        NetworkBuilder.train(request(true), log);
        assertTrue(log.take().contains("INFO nnlang: training Xor from xor.nn (plugin or configuration changed), compiled back end"));
        for (String name : List.of("Xor", "Nand")) {
            Path folder = (name.equals("Xor") ? classes : resources()).resolve("org/example");
            Path onnx = folder.resolve(name + ".onnx");
            assertTrue(Files.isRegularFile(onnx), name);
            NetworkModel model = FrontEnd.check(sources.resolve(name.toLowerCase() + ".nn")).networks().get(0);
            double[] params = ParameterFile.read(folder.resolve(name + ".nnp"), ParameterLayout.of(model));
            assertArrayEquals(OnnxExport.model(model, params), Files.readAllBytes(onnx), name);
        }
        NetworkBuilder.Summary again = NetworkBuilder.train(request(true), log);
        assertEquals(0, again.built());
    }
}
