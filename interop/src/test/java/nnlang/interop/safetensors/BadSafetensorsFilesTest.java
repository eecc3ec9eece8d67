package nnlang.interop.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nnlang.interop.Examples;
import nnlang.interop.ParameterFiles;
import nnlang.model.NetworkModel;
import nnlang.runtime.ParameterFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a safetensors file can be wrong for a network gives one line that names the file and,
 * where there is one, the tensor: truncated anywhere, mislabelled (a dtype or shape that does not
 * match the data), malformed, or made for another network.
 */
class BadSafetensorsFilesTest {

    @TempDir
    Path dir;

    private final NetworkModel xor = Examples.check(Path.of("../examples/xor/xor.nn")).networks().get(0);

    /** The message of reading {@code bytes} as XOR's parameters; asserts it is one line naming the file. */
    private String problem(byte[] bytes) throws Exception {
        Path file = dir.resolve("xor.safetensors");
        Files.write(file, bytes);
        ParameterFileException e = assertThrows(ParameterFileException.class, () -> ParameterFiles.read(file, xor));
        assertTrue(e.getMessage().startsWith(file + ": error: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    /** A file of the fixture's tensors with the header replaced by {@code header}. */
    private static byte[] withHeader(String header) throws Exception {
        byte[] fixture = PythonWrittenFixtureTest.fixture();
        byte[] data = Arrays.copyOfRange(fixture, 8 + 296, fixture.length);
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data).array();
    }

    private static final String GOOD = "{\"hidden.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"hidden.weight\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[16,48]},"
            + "\"out.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[48,56]},"
            + "\"out.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[56,72]}}";

    @Test
    void theFixtureWithAPlainHeaderReads() throws Exception {
        Path file = dir.resolve("good.safetensors");
        Files.write(file, withHeader(GOOD));
        assertEquals(9, ParameterFiles.read(file, xor).length);
    }

    @Test
    void aFileCutShortAnywhereIsReported() throws Exception {
        byte[] fixture = PythonWrittenFixtureTest.fixture();
        for (int length = 0; length < fixture.length; length++) {
            String message = problem(Arrays.copyOf(fixture, length));
            assertTrue(message.contains("truncated") || message.contains("belong to no tensor")
                    || message.contains("outside the data buffer"), length + " bytes: " + message);
        }
        assertTrue(problem(Arrays.copyOf(fixture, 3)).contains("the file is 3 bytes long"));
        assertTrue(problem(Arrays.copyOf(fixture, 200)).contains("truncated: the header is 296 bytes long, but only 192"));
        assertTrue(problem(Arrays.copyOf(fixture, fixture.length - 8)).contains(
                "tensor out.weight has data_offsets [56, 72], outside the data buffer of 64 bytes"));
    }

    @Test
    void aMislabelledDtypeOrShapeNamesTheTensor() throws Exception {
        assertTrue(problem(withHeader(GOOD.replace("\"dtype\":\"F64\",\"shape\":[2,2]", "\"dtype\":\"F32\",\"shape\":[2,2]")))
                .contains("tensor hidden.weight of dtype F32 and shape [2, 2] needs 16 bytes, but its data_offsets [16, 48] span 32"));
        assertTrue(problem(withHeader(GOOD.replace("\"dtype\":\"F64\",\"shape\":[2,2]", "\"dtype\":\"I64\",\"shape\":[2,2]")))
                .contains("tensor hidden.weight is of dtype I64; nnlang reads F64"));
        assertTrue(problem(withHeader(GOOD.replace("\"shape\":[2,2]", "\"shape\":[2,3]")))
                .contains("tensor hidden.weight of dtype F64 and shape [2, 3] needs 48 bytes"));
    }

    @Test
    void aTensorOfAnotherShapeNamesItAndBothShapes() throws Exception {
        String transposed = GOOD.replace("\"out.weight\":{\"dtype\":\"F64\",\"shape\":[1,2]", "\"out.weight\":{\"dtype\":\"F64\",\"shape\":[2,1]");
        assertTrue(problem(withHeader(transposed)).endsWith(
                "error: tensor out.weight is 2x1, but network Xor needs 1x2 for the weight of node out"), problem(withHeader(transposed)));
    }

    @Test
    void aMissingOrForeignTensorIsNamed() throws Exception {
        assertTrue(problem(withHeader(GOOD.replace("hidden.bias", "hidden.b")))
                .contains("has no tensor hidden.bias (2) for node hidden of network Xor; the file has hidden.b, hidden.weight"));
        String extra = GOOD.replace("\"out.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[56,72]}",
                "\"out.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[56,72]},"
                        + "\"extra\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[72,72]}");
        assertTrue(problem(withHeader(extra)).contains("tensor extra is not a parameter of network Xor"));
    }

    @Test
    void aMalformedHeaderIsReported() throws Exception {
        assertTrue(problem(withHeader("[1, 2]")).contains("the header does not start with '{'"));
        assertTrue(problem(withHeader("{\"a\": ")).contains("the header is not valid JSON"));
        String twice = problem(withHeader(GOOD.replace("}}", "},\"out.bias\":{}}")));
        assertTrue(twice.contains("the key \"out.bias\" appears twice"), twice);
        assertTrue(problem(withHeader("{\"__metadata__\":{\"n\":1}," + GOOD.substring(1)))
                .contains("__metadata__ has a value for \"n\" that is not a string"));
        String withoutLast = GOOD.replace(",\"out.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[56,72]}", "");
        assertTrue(problem(withHeader(withoutLast)).contains("the data buffer has 16 bytes after the last tensor that belong to no tensor"));
        assertTrue(problem(withHeader(GOOD.replace("\"shape\":[1]", "\"shape\":[-1]"))).contains("expected non-negative integers"));
        assertTrue(problem(withHeader(GOOD.replace("\"dtype\":\"F64\",\"shape\":[1]", "\"dtype\":\"F64\",\"layout\":\"C\",\"shape\":[1]")))
                .contains("tensor out.bias has an unknown field \"layout\""));
    }

    @Test
    void overlappingTensorsAreReported() throws Exception {
        String overlap = GOOD.replace("\"data_offsets\":[48,56]", "\"data_offsets\":[40,48]");
        assertTrue(problem(withHeader(overlap)).contains("overlaps") || problem(withHeader(overlap)).contains("belong to no tensor"),
                problem(withHeader(overlap)));
    }
}
