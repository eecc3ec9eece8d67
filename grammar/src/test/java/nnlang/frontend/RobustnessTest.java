package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No input makes the front end throw: every prefix of every example and golden case, and random
 * byte mutations of them, each give either networks or diagnostics, never both and never neither.
 */
class RobustnessTest {
    private static final int MUTANTS_PER_SOURCE = 1000;

    static List<Path> sources() throws IOException {
        return Stream.concat(ExampleModelsTest.examples(), GoldenTest.cases()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void everyPrefixGivesAResult(Path source) throws IOException {
        String text = Files.readString(source);
        for (int length = 0; length <= text.length(); length++) {
            assertResult(text.substring(0, length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void randomByteMutationsGiveAResult(Path source) throws IOException {
        byte[] original = Files.readAllBytes(source);
        Random random = new Random(source.getFileName().toString().hashCode());
        byte[] alphabet = "{}[]()<>=:;,.-+*/\"#0123456789eExn \n\tinputlayerneurontrain".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < MUTANTS_PER_SOURCE; i++) {
            byte[] mutant = original.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutant.length);
                mutant[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            assertResult(new String(mutant, StandardCharsets.UTF_8));
        }
    }

    @Test
    void invalidUtf8FileIsADiagnostic(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.nn");
        Files.write(file, new byte[] {'n', (byte) 0xC3, (byte) 0x28});
        CheckResult result = FrontEnd.check(file);
        assertEquals(List.of("unreadable-file"), result.diagnostics().stream().map(d -> d.code()).toList());
    }

    @Test
    void missingFileIsADiagnostic(@TempDir Path dir) {
        CheckResult result = FrontEnd.check(dir.resolve("absent.nn"));
        assertEquals(List.of("unreadable-file"), result.diagnostics().stream().map(d -> d.code()).toList());
    }

    private static void assertResult(String text) {
        CheckResult result = FrontEnd.check("mutant.nn", text, Path.of("."));
        assertNotEquals(result.networks().isEmpty(), result.diagnostics().isEmpty(),
                () -> "networks or diagnostics, exactly one, for:\n" + text);
        result.formatDiagnostics();
    }
}
