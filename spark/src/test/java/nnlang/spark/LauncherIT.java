package nnlang.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spark/nnlang-spark as a user runs it, in a process of its own: the packaged jar (ANTLR and ASM
 * relocated) on Spark's own class path, Spark started by the command in local mode, XOR trained
 * from a CSV file to the bytes of the local run.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("nnlang-spark").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theLauncherTrainsXorFromCsvToTheBytesOfTheLocalRun() throws Exception {
        Files.writeString(dir.resolve("xor.csv"), "0, 0, 0\n0, 1, 1\n1, 0, 1\n1, 1, 0\n");
        String source = Files.readString(Path.of("../examples/xor/xor.nn"))
                .replaceAll("(?s)table \\{.*?\\n                  }", "csv(\"xor.csv\")")
                .replace("epochs    5000", "epochs    5")
                .replace("        seed      7\n", "        seed      7\n        shards    2\n")
                .replace("        expect    accuracy >= 1.0\n", "");
        assertTrue(source.contains("csv(\"xor.csv\")") && source.contains("shards    2"), source);
        Path nn = Files.writeString(dir.resolve("xor.nn"), source);
        byte[] local = Local.trained(nn, dir.resolve("local.nnp"));
        Run run = launch("train", "xor.nn", "--data", "xor.csv", "--master", "local[2]", "--out", "spark.nnp");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().startsWith("training Xor on Spark (local[2], 2 shards per mini-batch)"), run.out());
        assertArrayEquals(local, Files.readAllBytes(dir.resolve("spark.nnp")));
    }

    @Test
    void withoutACommandTheLauncherSaysHowToUseIt() throws Exception {
        Run run = launch();
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("usage: nnlang-spark train FILE --data PATH"), run.err());
        Run help = launch("train", "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().contains("--shards=S"), help.out());
    }
}
