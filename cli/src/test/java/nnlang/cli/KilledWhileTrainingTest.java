package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnlang.runtime.Checkpoint;
import nnlang.runtime.ParameterFile;
import nnlang.runtime.ParameterLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed in the middle of an epoch and resumed ends with the very bytes of a run that was never
 * interrupted. A real child JVM runs {@code nnlang train} on a classifier with AdamW, dropout, a
 * warmup and cosine schedule, a seeded split and {@code keep best}; the test kills it with SIGKILL
 * ({@link Process#destroyForcibly} on Linux) half an epoch after it reported epoch 3; a second child
 * resumes with {@code --resume} and is killed the same way after epoch 7; then {@code --resume}
 * finishes the run in this JVM, on the interpreter. Its parameter file must equal, byte for byte,
 * the file of the same run trained in one go on the compiled back end.
 */
class KilledWhileTrainingTest {
    private static final int EPOCHS = 12;
    private static final String SOURCE = """
            network Blobs {
                input 40
                layer hidden = dense(200, relu) init he normal dropout 0.3
                layer out    = dense(3, softmax)
                output out as class(red, green, blue)

                train {
                    data      csv("blobs.csv") split(validation: 0.15, test: 0.1)
                    cost      cross_entropy
                    optimizer adamw(rate: 0.003, batch: 20, weight_decay: 0.02)
                    schedule  warmup(epochs: 2), cosine(epochs: %d)
                    epochs    %d
                    seed      5
                    report    every 1
                    stop      when validation cost has not improved for 30 epochs
                    keep      best
                }
            }
            """.formatted(EPOCHS, EPOCHS);

    @TempDir
    Path dir;

    @Test
    void aRunKilledTwiceMidEpochAndResumedEndsWithTheBytesOfTheWholeRun() throws Exception {
        Path whole = write(dir.resolve("whole"));
        StringWriter out = new StringWriter();
        int status = Main.run(new String[] {"train", whole.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, status, out.toString());
        byte[] expected = Files.readAllBytes(whole.resolveSibling("Blobs.nnp"));
        assertFalse(Files.exists(whole.resolveSibling("Blobs.checkpoint.nnp")), "a finished run leaves no checkpoint");

        Path killed = write(dir.resolve("killed"));
        Path checkpoint = killed.resolveSibling("Blobs.checkpoint.nnp");
        int first = killMidEpoch(killed, 3, false);
        assertFalse(Files.exists(killed.resolveSibling("Blobs.nnp")), "the killed run saved no parameters");
        assertTrue(first >= 2 && first <= 3, "the checkpoint is of epoch " + first);
        int second = killMidEpoch(killed, 7, true);
        assertTrue(second >= 6 && second <= 7, "the checkpoint is of epoch " + second);

        System.out.println("killed mid-epoch with checkpoints of epochs " + first + " and " + second + " on disk");
        StringWriter resumed = new StringWriter();
        status = Main.run(new String[] {"train", killed.toString(), "--resume", "--backend", "interpreted"},
                new PrintWriter(resumed, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, status, resumed.toString());
        assertTrue(resumed.toString().contains("resuming after epoch " + second + " from " + checkpoint), resumed.toString());
        assertArrayEquals(expected, Files.readAllBytes(killed.resolveSibling("Blobs.nnp")),
                "the resumed run's parameter file is the whole run's");
        assertFalse(Files.exists(checkpoint), "the finished run removed its checkpoint");
    }

    /**
     * Starts {@code nnlang train FILE} (with {@code --resume}) in a child JVM, kills it half an epoch
     * after it reports epoch {@code epoch}, and returns the epoch its checkpoint holds.
     */
    private static int killMidEpoch(Path source, int epoch, boolean resume) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", source.toString()));
        if (resume) {
            command.add("--resume");
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long previous = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith(String.format(Locale.ROOT, "epoch %2d/", epoch - 1))) {
                    previous = System.nanoTime();
                } else if (line.startsWith(String.format(Locale.ROOT, "epoch %2d/", epoch))) {
                    long epochNanos = System.nanoTime() - previous;
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(epochNanos) / 2));
                    System.out.println("killing the run " + TimeUnit.NANOSECONDS.toMillis(epochNanos) / 2
                            + " ms after epoch " + epoch + " (an epoch took " + TimeUnit.NANOSECONDS.toMillis(epochNanos)
                            + " ms)");
                    child.destroyForcibly();
                    break;
                } else if (line.startsWith("saved parameters")) {
                    throw new AssertionError("the run finished before it could be killed");
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        Path checkpoint = source.resolveSibling("Blobs.checkpoint.nnp");
        Checkpoint saved = ParameterFile.contents(checkpoint, ParameterLayout.decode(
                "Blobs:hidden=200x40,out=3x200")).checkpoint().orElseThrow();
        assertTrue(saved.epoch() < EPOCHS, "killed before the end");
        return saved.epoch();
    }

    /** The source and its data in {@code folder}; returns the source. */
    private static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path source = folder.resolve("blobs.nn");
        Files.writeString(source, SOURCE);
        Random random = new Random(40);
        String[] names = {"red", "green", "blue"};
        StringBuilder csv = new StringBuilder();
        double[][] centres = new double[3][40];
        for (double[] centre : centres) {
            for (int i = 0; i < centre.length; i++) {
                centre[i] = random.nextGaussian();
            }
        }
        for (int s = 0; s < 15_000; s++) {
            int c = random.nextInt(3);
            for (int i = 0; i < 40; i++) {
                csv.append(String.format(Locale.ROOT, "%.4f", centres[c][i] + 2.5 * random.nextGaussian())).append(',');
            }
            csv.append(names[c]).append('\n');
        }
        Files.writeString(folder.resolve("blobs.csv"), csv);
        return source;
    }
}
