package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad data file reaches the user of {@code nnlang train} as exactly one line on
 * standard error, {@code FILE[:RECORD[:COLUMN]]: error: what was expected}, with exit status 1 and
 * no stack trace. The readers' own tests cover each case in detail; this is the command line's
 * side of them.
 */
class BadDataCommandLineTest {
    private static final int PIXELS = 28 * 28;
    private static final int IMAGE_MAGIC = 2051;
    private static final int LABEL_MAGIC = 2049;

    @TempDir
    Path dir;

    /** Writes the bad data into the folder; returns the file the message must name, relative to it. */
    interface Setup {
        String write(Path dir) throws IOException;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                csv("a non-number", "0,0,0\n0,x,1\n", ":2:3: error: expected a number"),
                csv("a missing column", "0,0,0\n0,1\n", ":2:4: error: expected 3 cells (2 inputs and 1 target), found 2"),
                csv("an extra column", "0,0,0\n0,1,1,1\n", ":2:7: error: expected 3 cells (2 inputs and 1 target), found 4"),
                csv("an empty file", "", ": error: the file has no samples"),
                Arguments.of("a data file that does not exist", (Setup) d -> "or.csv", ": error: file not found"),
                Arguments.of("a data file that is a folder", (Setup) d -> {
                    Files.createDirectory(d.resolve("or.csv"));
                    return "or.csv";
                }, ": error: is a folder, expected a CSV file"),
                mnist("a truncated image file", d -> {
                    Files.write(d.resolve("data/train-images-idx3-ubyte"),
                            Arrays.copyOf(images(5, 28), 16 + 2 * PIXELS + 100));
                    return "data/train-images-idx3-ubyte";
                }, ":3: error: the file ends inside image 3 of 5, after 100 of its 784 bytes"),
                mnist("a wrong magic number", d -> {
                    Files.write(d.resolve("data/train-images-idx3-ubyte"), idx(new int[] {2050, 5, 28, 28},
                            new byte[5 * PIXELS]));
                    return "data/train-images-idx3-ubyte";
                }, ": error: magic number is 2050, expected 2051 (IDX images)"),
                mnist("images of the wrong dimensions", d -> {
                    Files.write(d.resolve("data/train-images-idx3-ubyte"), images(5, 27));
                    return "data/train-images-idx3-ubyte";
                }, ": error: header field columns is 27, expected 28"),
                mnist("a label out of range", d -> {
                    Files.write(d.resolve("data/train-labels-idx1-ubyte"), labels(5, 0, 4, 10, 9));
                    return "data/train-labels-idx1-ubyte";
                }, ":4: error: label 4 is 10, expected a class 0..9"),
                mnist("an IDX file that does not exist", d -> {
                    Files.delete(d.resolve("data/t10k-labels-idx1-ubyte"));
                    return "data/t10k-labels-idx1-ubyte.gz";
                }, ": error: file not found (nor t10k-labels-idx1-ubyte uncompressed)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badDataIsOneLineNamingTheFileAndWhatWasExpected(String what, Setup setup, String expected) throws IOException {
        Path source = setup instanceof MnistSetup ? mnistSource() : CommandLineTest.orSource(dir);
        String named = setup.write(dir);
        CommandLineTest.Run run = CommandLineTest.nnlang("train", source.toString());
        assertEquals(1, run.status(), run.out());
        String err = run.err().replace("\r\n", "\n");
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
        assertTrue(err.startsWith(dir.resolve(named).toString()), err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertEquals("", run.out());
        assertFalse(Files.exists(dir.resolve("Or.nnp")) || Files.exists(dir.resolve("Digits.nnp")), "nothing saved");
    }

    private static Arguments csv(String what, String content, String expected) {
        return Arguments.of(what, (Setup) d -> {
            Files.writeString(d.resolve("or.csv"), content);
            return "or.csv";
        }, expected);
    }

    /** A setup on top of four valid MNIST files of five training and three test images. */
    interface MnistSetup extends Setup {}

    private static Arguments mnist(String what, Setup damage, String expected) {
        return Arguments.of(what, (MnistSetup) d -> {
            Path data = Files.createDirectories(d.resolve("data"));
            Files.write(data.resolve("train-images-idx3-ubyte"), images(5, 28));
            Files.write(data.resolve("train-labels-idx1-ubyte"), labels(5, 0, 4, 1, 9));
            Files.write(data.resolve("t10k-images-idx3-ubyte"), images(3, 28));
            Files.write(data.resolve("t10k-labels-idx1-ubyte"), labels(7, 2, 1));
            return damage.write(d);
        }, expected);
    }

    private Path mnistSource() throws IOException {
        return Files.writeString(dir.resolve("digits.nn"), String.join("\n",
                "network Digits {",
                "    input image[28 x 28]",
                "    layer digit = dense(10, sigmoid)",
                "    output digit as class(0..9)",
                "    train {",
                "        data      mnist(\"data\") split(train: 3, validation: 2)",
                "        cost      quadratic",
                "        optimizer sgd(rate: 1.0, batch: 1)",
                "        epochs    1",
                "        seed      1",
                "    }",
                "}", ""));
    }

    private static byte[] idx(int[] header, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 * header.length + body.length);
        for (int field : header) {
            b.putInt(field);
        }
        return b.put(body).array();
    }

    private static byte[] images(int count, int columns) {
        return idx(new int[] {IMAGE_MAGIC, count, 28, columns}, new byte[count * 28 * columns]);
    }

    private static byte[] labels(int... labels) {
        byte[] body = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            body[i] = (byte) labels[i];
        }
        return idx(new int[] {LABEL_MAGIC, labels.length}, body);
    }
}
