package nnlang.cli;

import static nnlang.cli.CommandLineTest.nnlang;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nnlang.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnlang format} rewrites files in the canonical layout; {@code --check} only says which are not in it. */
class FormatCommandTest {
    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path dir;

    @Test
    void theExamplesAreFormatted() {
        Run run = nnlang("format", "--check", EXAMPLES.resolve("xor/xor.nn").toString(),
                EXAMPLES.resolve("mnist/mnist.nn").toString(), EXAMPLES.resolve("cheese/cheese.nn").toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals("", run.out());
    }

    @Test
    void checkNamesAFileThatIsNotFormattedAndChangesNothing() throws IOException {
        Path file = dir.resolve("messy.nn");
        String messy = "network  N{input x1,x2 neuron o=perceptron(x1:1,x2:1,bias:-1)}";
        Files.writeString(file, messy);
        Run run = nnlang("format", "--check", file.toString());
        assertEquals(1, run.status());
        assertEquals(file + ": not formatted\n", run.out().replace("\r\n", "\n"));
        assertEquals(messy, Files.readString(file));
    }

    @Test
    void formatRewritesTheFileInItsCanonicalLayout() throws IOException {
        Path file = dir.resolve("messy.nn");
        Files.writeString(file, "network  N{input x1,x2 neuron o=perceptron(x1:1,x2:1,bias:-1)}");
        Run run = nnlang("format", file.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("formatted " + file + "\n", run.out().replace("\r\n", "\n"));
        assertEquals("network N {\n    input x1, x2\n    neuron o = perceptron(x1: 1, x2: 1, bias: -1)\n}\n",
                Files.readString(file));
        assertEquals(0, nnlang("format", "--check", file.toString()).status());
        assertEquals(0, nnlang("check", file.toString()).status());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aFileWithSyntaxErrorsIsLeftAsItIs() throws IOException {
        Path file = dir.resolve("broken.nn");
        Files.writeString(file, "network N { input x1 x2 }");
        Run run = nnlang("format", file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("broken.nn:1:22: error:"), run.err());
        assertTrue(run.err().contains("broken.nn: not formatted: it has syntax errors"), run.err());
        assertEquals("network N { input x1 x2 }", Files.readString(file));
        assertEquals(1, nnlang("format", dir.resolve("absent.nn").toString()).status());
    }
}
