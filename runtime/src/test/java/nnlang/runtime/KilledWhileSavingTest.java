package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost when the process dies while saving: a real child JVM ({@link SaveForever})
 * writes a 16 MB parameter file over and over; the test waits until a save is under way (its
 * temporary file exists) and kills the child with SIGKILL ({@link Process#destroyForcibly} on
 * Linux). The parameter file must then load and hold one whole generation: the last one the child
 * reported saved, or the one whose rename had just completed.
 */
class KilledWhileSavingTest {
    private static final int ROUNDS = 3;

    @Test
    void killingTheProcessInTheMiddleOfASaveLeavesThePreviousFileIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Big.nnp");
        int killedMidSave = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = start(file);
            AtomicLong saved = new AtomicLong();
            Thread reader = readSaves(child, saved);
            try {
                waitFor(() -> saved.get() >= 2, child, "the child to save twice");
                waitFor(() -> temporaryFiles(dir) > 0, child, "a save to be under way");
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            } finally {
                child.destroyForcibly();
            }
            reader.join(10_000);
            long lastReported = saved.get();
            if (temporaryFiles(dir) > 0) {
                killedMidSave++;
            }

            double[] params = ParameterFile.read(file, SaveForever.LAYOUT);
            long generation = (long) params[0];
            assertTrue(Arrays.stream(params).allMatch(p -> p == generation), "one whole generation in the file");
            assertTrue(generation == lastReported || generation == lastReported + 1,
                    "generation " + generation + " after the child reported " + lastReported);
            try (Stream<Path> leftovers = Files.list(dir)) {
                leftovers.filter(p -> !p.equals(file)).forEach(p -> p.toFile().delete());
            }
        }
        assertTrue(killedMidSave > 0, "at least one kill interrupted a save (left its temporary file)");
    }

    private static Process start(Path file) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = location(ParameterFile.class) + File.pathSeparator + location(SaveForever.class);
        return new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", classPath, SaveForever.class.getName(),
                file.toString()).redirectErrorStream(true).start();
    }

    /** A thread that keeps {@code saved} at the last generation the child reported. */
    private static Thread readSaves(Process child, AtomicLong saved) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("saved ")) {
                        saved.set(Long.parseLong(line.substring(6)));
                    } else {
                        System.err.println("child: " + line);
                    }
                }
            } catch (IOException e) {
                // the child died
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Process child, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(child.isAlive(), "the child died before " + what);
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    private static long temporaryFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
