package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} streams: a JVM whose heap (16 MB) is smaller than the CSV file (3 million rows,
 * 54 MB, 48 MB as doubles) predicts every row of it.
 */
class PredictStreamsTest {

    @TempDir
    Path dir;

    @Test
    void aFileLargerThanTheHeapIsPredictedRowByRow() throws Exception {
        Path nn = dir.resolve("nand.nn");
        Files.copy(Path.of("../examples/nand/nand.nn"), nn);
        Path csv = dir.resolve("big.csv");
        int rows = 3_000_000;
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < rows; i++) {
                out.write((i & 1) + ".000001," + ((i >> 1) & 1) + ".000002\n");
            }
        }
        assertTrue(Files.size(csv) > 50_000_000L, Files.size(csv) + " bytes");
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "predict", nn.toString(), "--data", csv.toString(), "--out", dir.resolve("out.csv").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "predict did not finish in 5 minutes");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("predicted 3000000 rows of " + csv), output);
        List<String> first = Files.lines(dir.resolve("out.csv")).limit(3).toList();
        assertEquals(List.of("out", "1.0", "1.0"), first);
    }
}
