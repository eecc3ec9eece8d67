package nnlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing in nnlang turns the contents of a file into code: no module's main code deserialises Java
 * objects, evaluates scripts or expressions, loads classes by a name it read, or starts processes.
 * Parameter files and data files are parsed as numbers only (their readers' tests reject anything
 * else); the one class loader defines the bytes the compiler generated from a checked model, and the
 * one class loaded by name is the compiled class of a network's facade, named after the facade.
 */
class NoCodeFromDataTest {
    private static final List<String> MODULES = List.of("runtime", "grammar", "compiler", "lsp", "cli", "maven-plugin",
            "spark");

    /** Each API that could run code from data, and the only files allowed to use it (none, mostly). */
    private static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("ObjectInputStream", List.of()),
            Map.entry("readObject", List.of()),
            Map.entry("readUnshared", List.of()),
            Map.entry("XMLDecoder", List.of()),
            Map.entry("javax.script", List.of()),
            Map.entry("ScriptEngine", List.of()),
            Map.entry("Class.forName", List.of()),
            // a facade loads the class compiled for it, named after the facade itself
            Map.entry("loadClass", List.of("runtime/src/main/java/nnlang/runtime/NetworkFacade.java")),
            Map.entry("URLClassLoader", List.of()),
            Map.entry("defineClass", List.of("compiler/src/main/java/nnlang/compiler/GeneratedClassLoader.java")),
            Map.entry("Runtime.getRuntime", List.of()),
            Map.entry("ProcessBuilder", List.of()),
            Map.entry("System.load", List.of()),
            Map.entry("MethodHandles.lookup", List.of()),
            Map.entry("JShell", List.of()));

    @Test
    void noMainCodeUsesAnApiThatRunsCodeFromData() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            Path main = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(main), main + " exists");
            try (Stream<Path> sources = Files.walk(main)) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    String text = read(source);
                    String relative = Path.of("..").relativize(source).toString().replace('\\', '/');
                    FORBIDDEN.forEach((api, allowed) -> {
                        if (text.contains(api) && !allowed.contains(relative)) {
                            found.add(relative + " uses " + api);
                        }
                    });
                }
            }
        }
        assertTrue(files > 50, files + " source files read");
        assertEquals(List.of(), found);
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
