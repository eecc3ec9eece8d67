package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import nnlang.runtime.Samples;
import nnlang.runtime.data.DataSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples built from parts, through the command line. */
class PartsCommandLineTest {
    private static final Path EXAMPLES = Path.of("../examples");
    private static final Path MNIST = Path.of("../../shared/data/mnist").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theFourBitAdderAddsAll512InputsOnBothBackEnds() {
        for (String backend : new String[] {"compiled", "interpreted"}) {
            CommandLineTest.Run run = CommandLineTest.nnlang("run", EXAMPLES.resolve("adder/adder.nn").toString(),
                    "--network", "Adder4", "--table", "--backend", backend);
            assertEquals(0, run.status(), run.err());
            List<String> rows = run.out().lines().toList();
            assertEquals(512, rows.size());
            for (String row : rows) {
                int[] bits = Arrays.stream(row.replace("->", "").trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
                int a = bits[0] + 2 * bits[1] + 4 * bits[2] + 8 * bits[3];
                int b = bits[4] + 2 * bits[5] + 4 * bits[6] + 8 * bits[7];
                int sum = bits[9] + 2 * bits[10] + 4 * bits[11] + 8 * bits[12] + 16 * bits[13];
                assertEquals(a + b + bits[8], sum, backend + ": " + row);
            }
        }
    }

    @Test
    void mnistBitsNeedsTheTrainedMnistThenGivesTheDigitInBinary() throws Exception {
        assumeTrue(Files.isDirectory(MNIST), "no MNIST files at " + MNIST);
        String mnist = Files.readString(EXAMPLES.resolve("mnist/mnist.nn"))
                .replace("mnist(\"data\") split(train: 50000, validation: 10000)",
                        "mnist(\"" + MNIST + "\") split(train: 10000, validation: 0)")
                .replaceFirst("epochs    30", "epochs    2")
                .replace("expect    accuracy >= 0.95", "");
        Path source = dir.resolve("mnist.nn");
        Files.writeString(source, mnist);
        Path bits = Files.copy(EXAMPLES.resolve("mnist/mnist-bits.nn"), dir.resolve("mnist-bits.nn"));
        Files.copy(EXAMPLES.resolve("mnist/largest.nn"), dir.resolve("largest.nn"));

        assertEquals(0, CommandLineTest.nnlang("check", bits.toString()).status(), "the structure checks untrained");
        CommandLineTest.Run untrained = CommandLineTest.nnlang("run", bits.toString(), "--input", image(new double[784]));
        assertEquals(1, untrained.status());
        assertTrue(untrained.err().contains("error: network Mnist has a train block, so part digits uses its trained"
                + " parameters, but there is no Mnist.nnp"), untrained.err());
        assertTrue(untrained.err().contains("hint: train it first: nnlang train " + source), untrained.err());

        assertEquals(0, CommandLineTest.nnlang("train", source.toString()).status());
        Samples test = DataSets.mnist(MNIST, 10000, 0).test().orElseThrow();
        double[] x = new double[784];
        double[] y = new double[10];
        int right = 0;
        int images = 20;
        for (int i = 0; i < images; i++) {
            test.input(i, x);
            test.target(i, y);
            CommandLineTest.Run run = CommandLineTest.nnlang("run", bits.toString(), "--input", image(x));
            assertEquals(0, run.status(), run.err());
            String printed = run.out().trim();
            String expected = Integer.toBinaryString(16 + argmax(y)).substring(1).chars().mapToObj(c -> (char) c + "")
                    .collect(Collectors.joining(" "));
            right += printed.endsWith("-> " + expected) ? 1 : 0;
        }
        assertTrue(right >= images * 8 / 10, right + " of " + images + " digits right in binary");
    }

    private static String image(double[] pixels) {
        return Arrays.stream(pixels).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
