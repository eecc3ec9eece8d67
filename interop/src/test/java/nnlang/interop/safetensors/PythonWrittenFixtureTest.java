package nnlang.interop.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nnlang.interop.Examples;
import nnlang.model.NetworkModel;
import nnlang.runtime.Interpreter;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.Test;

/**
 * A file written by hand from the safetensors format description as the Python package writes it
 * (see the fixture's README): nnlang reads it as XOR's parameters, and writes the same tensors and
 * metadata to exactly the same bytes.
 */
class PythonWrittenFixtureTest {

    static byte[] fixture() throws Exception {
        try (InputStream in = PythonWrittenFixtureTest.class.getResourceAsStream("xor-written-as-pytorch-does.safetensors")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheFixtureAsXorsParametersInNnlangsOrder() throws Exception {
        NetworkModel xor = Examples.check(Path.of("../examples/xor/xor.nn")).networks().get(0);
        double[] params = SafetensorsParameters.decode(fixture(), "fixture", ParameterLayout.of(xor));
        // nnlang's order: hidden.weight row by row, hidden.bias, out.weight, out.bias
        assertArrayEquals(new double[] {20, 20, -20, -20, -10, 30, 20, 20, -30}, params);
        Interpreter net = new Interpreter(xor);
        net.setParameters(params);
        for (int x1 = 0; x1 <= 1; x1++) {
            for (int x2 = 0; x2 <= 1; x2++) {
                assertEquals(x1 ^ x2, Math.round(net.predict(new double[] {x1, x2})[0]));
            }
        }
    }

    @Test
    void writesTheSameTensorsToTheFixturesBytes() throws Exception {
        List<Safetensors.Tensor> tensors = List.of(
                new Safetensors.Tensor("out.weight", List.of(1L, 2L), new double[] {20, 20}),
                new Safetensors.Tensor("hidden.weight", List.of(2L, 2L), new double[] {20, 20, -20, -20}),
                new Safetensors.Tensor("hidden.bias", List.of(2L), new double[] {-10, 30}),
                new Safetensors.Tensor("out.bias", List.of(1L), new double[] {-30}));
        assertArrayEquals(fixture(), Safetensors.encode(Map.of("format", "pt"), tensors));
    }
}
