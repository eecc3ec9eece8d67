package nnlang.cli;

import static nnlang.cli.CommandLineTest.nnlang;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user of any command line expects: help and version everywhere, documented exit statuses, completion. */
class CommandLineConventionsTest {

    static final List<String> COMMANDS = List.of("check", "run", "train", "draw", "compile", "completion");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"check", "run", "train", "draw", "compile", "completion"})
    void everyCommandHasHelpEvenWithoutItsRequiredArguments(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            CommandLineTest.Run run = nnlang(command, flag);
            assertEquals(Main.OK, run.status(), run.err());
            assertTrue(run.out().startsWith("Usage: nnlang " + command), run.out());
            assertTrue(run.out().contains("-V, --version"), run.out());
            assertEquals("", run.err());
        }
    }

    @ParameterizedTest(name = "{0} --version")
    @ValueSource(strings = {"", "check", "run", "train", "draw", "compile", "completion"})
    void everyCommandPrintsTheVersion(String command) {
        CommandLineTest.Run run = command.isEmpty() ? nnlang("--version") : nnlang(command, "--version");
        assertEquals(Main.OK, run.status(), run.err());
        assertTrue(run.out().startsWith("nnlang "), run.out());
    }

    @Test
    void helpListsEveryCommandAndTheExitStatuses() {
        CommandLineTest.Run run = nnlang("--help");
        assertEquals(Main.OK, run.status());
        for (String command : COMMANDS) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " in\n" + run.out());
        }
        assertTrue(run.out().contains("Exit status:"), run.out());
        assertTrue(run.out().matches("(?s).*\\n\\s+0\\s+success.*\\n\\s+1\\s+errors in the input.*\\n\\s+2\\s+a wrong command line.*"),
                run.out());
    }

    @Test
    void aWrongCommandLineExitsWithTwo() {
        assertEquals(Main.USAGE, nnlang().status(), "no command");
        assertEquals(Main.USAGE, nnlang("fly").status(), "no such command");
        assertEquals(Main.USAGE, nnlang("check").status(), "no file");
        assertEquals(Main.USAGE, nnlang("run", "../examples/nand/nand.nn").status(), "neither --table nor --input");
        assertEquals(Main.USAGE, nnlang("check", "--frobnicate", "../examples/nand/nand.nn").status(), "no such option");
        CommandLineTest.Run run = nnlang("train", "../examples/xor/xor.nn", "--backend", "gpu");
        assertEquals(Main.USAGE, run.status());
        assertTrue(run.err().contains("expected compiled or interpreted, found 'gpu'"), run.err());
    }

    @Test
    void errorsInTheInputExitWithOne() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.nn"), "network X { input a\n output b }\n");
        assertEquals(Main.INPUT_ERROR, nnlang("check", broken.toString()).status());
        assertEquals(Main.INPUT_ERROR, nnlang("check", dir.resolve("missing.nn").toString()).status());
        assertEquals(Main.INPUT_ERROR, nnlang("run", "../examples/nand/nand.nn", "--params", broken.toString(),
                "--table").status(), "not a parameter file");
        assertEquals(Main.OK, nnlang("check", "../examples/nand/nand.nn").status());
    }

    @Test
    void completionPrintsABashScriptThatBashAccepts() throws Exception {
        CommandLineTest.Run run = nnlang("completion");
        assertEquals(Main.OK, run.status(), run.err());
        for (String command : COMMANDS) {
            assertTrue(run.out().contains(command), command);
        }
        assertTrue(run.out().contains("complete -F"), "registers a completion function");
        assertTrue(run.out().contains("(\"compiled\" \"interpreted\")"), "completes --backend");
        Path script = Files.writeString(dir.resolve("nnlang-completion.bash"), run.out());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
    }
}
