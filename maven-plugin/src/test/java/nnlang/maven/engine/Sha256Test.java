package nnlang.maven.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    Path jar(String name, String classBytes, long time) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            JarEntry entry = new JarEntry("nnlang/A.class");
            entry.setLastModifiedTime(FileTime.fromMillis(time));
            out.putNextEntry(entry);
            out.write(classBytes.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void fileFingerprintIsTheKnownSha256() throws IOException {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.ofFile(f));
        assertEquals(Sha256.ofFile(f), Sha256.ofText("abc"));
    }

    @Test
    void missingFileHasNoFingerprint() throws IOException {
        assertNull(Sha256.ofFile(dir.resolve("absent")));
    }

    @Test
    void jarRebuiltFromTheSameClassesKeepsItsContentFingerprint() throws IOException {
        Path first = jar("first.jar", "class bytes", 1_000_000_000_000L);
        Path second = jar("second.jar", "class bytes", 1_700_000_000_000L);
        assertNotEquals(Sha256.ofFile(first), Sha256.ofFile(second));
        assertEquals(Sha256.ofJarContents(first), Sha256.ofJarContents(second));
    }

    @Test
    void jarWithChangedClassesChangesItsContentFingerprint() throws IOException {
        assertNotEquals(Sha256.ofJarContents(jar("first.jar", "class bytes", 0)),
                Sha256.ofJarContents(jar("second.jar", "other bytes", 0)));
    }
}
