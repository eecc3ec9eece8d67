package nnlang.maven.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where generated files go: {@code <root>/<package path>/<file>}. Packages and names have passed the
 * compiler's checks (Java identifiers) before they get here; the path is checked to stay inside the
 * root all the same. A file whose content is already what would be written is left alone, so that
 * its timestamp does not make javac or an IDE redo work.
 */
final class GeneratedFiles {
    private GeneratedFiles() {}

    /**
     * {@code fileName} in the folder of {@code javaPackage} below {@code root}.
     *
     * @throws IllegalArgumentException when the result would not be in that folder
     */
    static Path inPackage(Path root, String javaPackage, String fileName) {
        Path base = root.toAbsolutePath().normalize();
        Path dir = base;
        if (!javaPackage.isEmpty()) {
            for (String segment : javaPackage.split("\\.")) {
                dir = dir.resolve(segment);
            }
        }
        Path file = dir.resolve(fileName).normalize();
        if (!file.startsWith(base) || !file.getParent().equals(dir.normalize())) {
            throw new IllegalArgumentException(file + " is not inside " + base);
        }
        return file;
    }

    /** Writes {@code bytes} to {@code file}, creating folders, unless it holds them already. */
    static Path write(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /** Writes {@code text} as UTF-8 to {@code file}, creating folders, unless it holds it already. */
    static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
