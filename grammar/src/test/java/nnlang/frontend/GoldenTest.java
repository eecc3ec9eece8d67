package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nnlang.model.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code golden/*.nn} case. A case states its diagnostics in comments:
 * {@code // expect-error: CODE} for its own line, {@code // expect-error@+N: CODE} (or {@code @-N})
 * for another, optionally followed by {@code col C}. The run must report exactly the expected
 * (code, line) pairs, and at the given columns where a column is stated. A case without
 * expectations must check cleanly.
 */
class GoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Pattern EXPECT =
            Pattern.compile("//\\s*expect-error(?:@([+-]\\d+))?:\\s*([a-z-]+)(?:\\s+col\\s+(\\d+))?");

    record Expectation(String code, int line, int column) {}

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedDiagnostics(Path file) throws IOException {
        List<Expectation> expected = expectations(Files.readAllLines(file));
        CheckResult result = FrontEnd.check(file);

        Set<String> wanted = expected.stream().map(e -> e.code() + " at line " + e.line())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> actual = result.diagnostics().stream().map(d -> d.code() + " at line " + d.pos().line())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(wanted, actual, () -> "diagnostics of " + file + ":\n" + result.formatDiagnostics());
        for (Expectation e : expected) {
            if (e.column() > 0) {
                assertTrue(result.diagnostics().stream().anyMatch(d -> matches(d, e)),
                        () -> e + " not found in:\n" + result.formatDiagnostics());
            }
        }
        assertEquals(expected.isEmpty(), !result.networks().isEmpty(), "networks only when there are no errors");
        assertFalse(result.diagnostics().stream().anyMatch(d -> d.pos().line() < 1 || d.pos().column() < 1),
                "every diagnostic has a 1-based position");
    }

    private static boolean matches(Diagnostic d, Expectation e) {
        return d.code().equals(e.code()) && d.pos().line() == e.line() && d.pos().column() == e.column();
    }

    private static List<Expectation> expectations(List<String> lines) {
        List<Expectation> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECT.matcher(lines.get(i));
            while (m.find()) {
                int line = i + 1 + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
                int column = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                expected.add(new Expectation(m.group(2), line, column));
            }
        }
        return expected;
    }
}
