package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of source text to checked model with Jazzer. The only allowed outcomes
 * are checked networks (whose names are identifiers, since they name classes and files) or
 * diagnostics whose positions lie in the text; any exception, an input
 * that takes more than a second ({@link Timeout}: JUnit applies it to every replayed input, and
 * Jazzer turns it into libFuzzer's per-input {@code -timeout=1} when fuzzing, with JUnit's timeouts
 * switched off) or running out of memory is a finding.
 *
 * <p>A plain {@code mvn test} replays the inputs in {@code src/test/resources/nnlang/frontend/
 * FrontEndFuzzTestInputs/checkGivesNetworksOrPositionedDiagnostics/}: every finding so far, each
 * fixed (named {@code oom-...}, {@code timeout-...}), and the minimised corpus of the fuzzing runs
 * (named by their SHA-1). Fuzzing ({@code JAZZER_FUZZ=1}, see grammar/README.md) starts from
 * those and from the examples and golden cases copied into {@code .cifuzz-corpus}, and writes a
 * new finding into the inputs folder.
 */
class FrontEndFuzzTest {
    /** Data paths resolve against a folder that does not exist, so nothing is read from disk. */
    private static final Path NO_DATA = Path.of("fuzz-data-folder-that-does-not-exist");
    /** Names become class and file names: a checked model's names are ASCII identifiers only. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    /**
     * Checks every example and golden case once, so that the one-second limit measures checking
     * alone: the first input to reach a part of the front end (formula activations, data files, a
     * kind of diagnostic) would otherwise pay for loading and initialising its classes, which on a
     * busy machine can take longer than checking any input.
     */
    @BeforeAll
    static void warmUp() throws IOException {
        for (String folder : List.of("../examples", "src/test/resources/golden")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                files.filter(p -> p.toString().endsWith(".nn")).forEach(p -> FrontEnd.check(p).formatDiagnostics());
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(1)
    void checkGivesNetworksOrPositionedDiagnostics(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        CheckResult result = FrontEnd.check("fuzz.nn", text, NO_DATA);
        assertNotEquals(result.networks().isEmpty(), result.diagnostics().isEmpty(),
                "networks or diagnostics, exactly one");
        int lines = result.sourceLines().size();
        for (Diagnostic d : result.diagnostics()) {
            assertEquals("fuzz.nn", d.pos().file(), d::toString);
            assertTrue(d.pos().line() >= 1 && d.pos().line() <= lines, () -> "line outside the text: " + d);
            assertTrue(d.pos().column() >= 1, () -> "column before the line: " + d);
            assertTrue(d.code() != null && !d.code().isBlank() && !d.message().isBlank(), d::toString);
        }
        for (NetworkModel network : result.networks()) {
            assertTrue(IDENTIFIER.matcher(network.name()).matches(), network::name);
            network.nodes().forEach(n -> assertTrue(IDENTIFIER.matcher(n.name()).matches(), n::name));
        }
        result.formatDiagnostics();
    }

    /**
     * The same check for Jazzer's own driver, which minimises the corpus (grammar/fuzz-minimise.sh):
     * the JUnit integration has no merge mode.
     */
    public static void fuzzerTestOneInput(byte[] input) {
        new FrontEndFuzzTest().checkGivesNetworksOrPositionedDiagnostics(input);
    }
}
