package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as a user runs it, in processes of its own: {@code java -jar
 * target/nnlang.jar} and the {@code ./nnlang} launcher, with output to a pipe and to a
 * pseudo-terminal (made by {@code script}).
 */
class CommandJarIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("cli/target/nnlang.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** What a process printed (standard output and error together) and its exit status. */
    record Result(int status, String output) {}

    static Result exec(List<String> command, Map<String, String> environment, Path workingDirectory)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + command);
        return new Result(p.exitValue(), output);
    }

    static Result jar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return exec(command, Map.of(), null);
    }

    @BeforeAll
    static void built() {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built before the integration tests");
    }

    @Test
    void versionIsTheProjectsFromTheManifest() throws Exception {
        String expected = "nnlang " + System.getProperty("project.version", "");
        assertTrue(expected.length() > "nnlang ".length(), "failsafe passes project.version");
        assertEquals(expected, jar("--version").output().trim());
        assertEquals(expected, jar("train", "--version").output().trim());
    }

    @Test
    void exitStatusesOfAProcess() throws Exception {
        assertEquals(0, jar("check", ROOT.resolve("examples/nand/nand.nn").toString()).status());
        Path broken = Files.writeString(dir.resolve("broken.nn"), "network X {\n");
        assertEquals(1, jar("check", broken.toString()).status());
        assertEquals(2, jar("check").status());
        assertEquals(0, jar("run", "--help").status());
    }

    /** A network with 2,000 samples in batches of 10, so that an epoch reports progress 50 times. */
    private Path manySamples() throws IOException {
        StringBuilder csv = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 2000; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            csv.append(a).append(',').append(b).append(',').append(a > b ? 1 : 0).append('\n');
        }
        Files.writeString(dir.resolve("greater.csv"), csv);
        return Files.writeString(dir.resolve("greater.nn"), String.join("\n",
                "network Greater {",
                "    input a, b",
                "    neuron out = sigmoid(a, b)",
                "    train {",
                "        data      csv(\"greater.csv\")",
                "        cost      quadratic",
                "        optimizer sgd(rate: 1.0, batch: 10)",
                "        epochs    3",
                "        seed      1",
                "    }",
                "}", ""));
    }

    @Test
    void noProgressBarWhenTheOutputIsAPipe() throws Exception {
        Result piped = jar("train", manySamples().toString());
        assertEquals(0, piped.status(), piped.output());
        assertTrue(piped.output().contains("epoch 3/3"), piped.output());
        assertFalse(piped.output().contains("\r"), "no carriage return: " + piped.output());
        assertFalse(piped.output().contains("[#"), piped.output());
    }

    @Test
    void progressBarOnAPseudoTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script makes the pseudo-terminal");
        Path source = manySamples();
        String command = "'" + JAVA + "' -jar '" + JAR + "' train '" + source + "'";
        Result terminal = exec(List.of("/usr/bin/script", "-qefc", command, "/dev/null"), Map.of("TERM", "xterm"), dir);
        assertEquals(0, terminal.status(), terminal.output());
        assertTrue(terminal.output().matches("(?s).*\\repoch \\d/3 \\[#*-*\\] \\d+%.*"), terminal.output());
        assertTrue(terminal.output().contains("epoch 3/3"), terminal.output());

        Result dumb = exec(List.of("/usr/bin/script", "-qefc", command, "/dev/null"), Map.of("TERM", "dumb"), dir);
        assertFalse(dumb.output().contains("[#"), "TERM=dumb: " + dumb.output());
    }

    @Test
    void launcherRunsTheJavaOfJavaHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java of JAVA_HOME\"\nexec '" + JAVA + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result run = exec(List.of(ROOT.resolve("nnlang").toString(), "--version"),
                Map.of("JAVA_HOME", dir.resolve("jdk").toString()), null);
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().startsWith("java of JAVA_HOME\nnnlang "), run.output());

        Result missing = exec(List.of(ROOT.resolve("nnlang").toString(), "--version"),
                Map.of("JAVA_HOME", dir.resolve("nowhere").toString()), null);
        assertEquals(2, missing.status());
        assertTrue(missing.output().contains("JAVA_HOME is " + dir.resolve("nowhere") + ", but there is no"),
                missing.output());
    }

    @Test
    void launcherWithoutAJarSaysHowToBuildTheCommandLineOnly() throws Exception {
        Path launcher = Files.copy(ROOT.resolve("nnlang"), dir.resolve("nnlang"));
        Result run = exec(List.of(launcher.toString(), "--version"), Map.of(), null);
        assertEquals(2, run.status());
        assertTrue(run.output().contains("is not built yet"), run.output());
        assertTrue(run.output().contains("mvn -B -ntp -q -pl cli -am package -DskipTests"), run.output());
    }
}
