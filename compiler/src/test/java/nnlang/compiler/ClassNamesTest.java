package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nnlang.model.Diagnostic;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that cannot name a Java class or package are diagnosed at the network, and never become paths. */
class ClassNamesTest {
    private static final SourcePos AT = new SourcePos("net.nn", 3, 9, 5);

    @ParameterizedTest
    @ValueSource(strings = {"class", "int", "null", "true", "_", "var", "record", "yield", "sealed", "permits"})
    void aReservedWordCannotNameTheClass(String name) {
        List<Diagnostic> problems = NetworkCompiler.check(named(name), "org.example");
        assertEquals(List.of("class-name-reserved"), problems.stream().map(Diagnostic::code).toList());
        assertEquals(AT, problems.get(0).pos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3d", "a-b", "a.b", "a/b", "..", "", "X\0", "X\u0008y", "X\u200By"})
    void aNameThatIsNoIdentifierCannotNameTheClass(String name) {
        assertEquals(List.of("class-name-invalid"),
                NetworkCompiler.check(named(name), "").stream().map(Diagnostic::code).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"org..example", ".org", "org.", "org/example", "org.class", "org.3d", "../up", "a b"})
    void anInvalidPackageIsDiagnosed(String javaPackage) {
        List<Diagnostic> problems = NetworkCompiler.check(named("Xor"), javaPackage);
        assertEquals(List.of("package-name-invalid"), problems.stream().map(Diagnostic::code).toList());
        assertEquals(AT, problems.get(0).pos());
    }

    @Test
    void thePackageJavaBelongsToTheJdk() {
        assertEquals(List.of("package-name-prohibited"),
                NetworkCompiler.check(named("Xor"), "java.util").stream().map(Diagnostic::code).toList());
    }

    @Test
    void validNamesHaveNoProblems() {
        assertEquals(List.of(), NetworkCompiler.check(named("Xor"), "org.example.nets"));
        assertEquals(List.of(), NetworkCompiler.check(named("Xor"), ""));
    }

    @Test
    void writeRefusesBadNamesAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.write(named("class"), "org", out));
        assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.write(named("Xor"), "..", out));
        assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.write(named("Xor"), "a/../..", out));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(dir), files.toList());
        }
        assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.compile(named("Xor"), "org..Xor"));
        assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.load(named("enum")));
    }

    @Test
    void writePutsTheClassExactlyAtItsPackagePathInsideTheOutputDirectory(@TempDir Path dir) throws Exception {
        Path file = NetworkCompiler.write(named("Xor"), "org.example", dir.resolve("classes"));
        assertEquals(dir.resolve("classes/org/example/Xor.class").toAbsolutePath(), file);
        assertFalse(Files.exists(dir.resolve("Xor.class")));
        assertEquals(0xCAFEBABE, java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).getInt());
    }

    @Test
    void noNameOrPackageWritesOutsideTheOutputDirectoryOrPackage(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        String[] pieces = {"a", "Xor", "org", ".", "..", "/", "\\", "$", "_", "1", "é", " ", ":", "\0", "~", "class",
            "java", "%2e", "\u2024", "\uFF0E", "\u2215"};
        java.util.Random random = new java.util.Random(42);
        int written = 0;
        for (int i = 0; i < 3000; i++) {
            String name = randomName(random, pieces);
            String javaPackage = random.nextBoolean() ? "" : randomName(random, pieces);
            boolean valid = NetworkCompiler.check(named(name), javaPackage).isEmpty();
            if (!valid) {
                assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.write(named(name), javaPackage, out),
                        name + " in " + javaPackage);
                continue;
            }
            Path file = NetworkCompiler.write(named(name), javaPackage, out);
            Path expected = out.toAbsolutePath();
            for (String segment : javaPackage.isEmpty() ? new String[0] : javaPackage.split("\\.")) {
                expected = expected.resolve(segment);
            }
            assertEquals(expected.resolve(name + ".class"), file);
            assertTrue(file.toRealPath().startsWith(out.toRealPath()), file.toString());
            written++;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.allMatch(p -> p.startsWith(out) || p.equals(dir)), "nothing beside the output directory");
        }
        assertTrue(written > 100, written + " valid names written");
    }

    private static String randomName(java.util.Random random, String[] pieces) {
        StringBuilder name = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            name.append(pieces[random.nextInt(pieces.length)]);
        }
        return name.toString();
    }

    /** The XOR model under another name, positioned at {@link #AT}. */
    private static NetworkModel named(String name) {
        NetworkModel xor = ModelBuilder.xor(7);
        return new NetworkModel(name, "net.nn", xor.inputs(), xor.nodes(), xor.output(), xor.train(), AT);
    }

}
