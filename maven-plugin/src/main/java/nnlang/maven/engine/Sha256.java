package nnlang.maven.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** SHA-256 fingerprints, as lower-case hex, of files, of jars' contents and of configuration text. */
final class Sha256 {
    private Sha256() {}

    /** The fingerprint of {@code text} encoded as UTF-8. */
    static String ofText(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The fingerprint of a file's bytes, or null when the file does not exist. */
    static String ofFile(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The fingerprint of what a jar holds: every entry's name and bytes, in name order. Unlike the
     * file's own fingerprint it ignores the entries' timestamps, so a jar rebuilt from the same
     * classes keeps it.
     */
    static String ofJarContents(Path jar) throws IOException {
        MessageDigest md = digest();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = file.stream().filter(e -> !e.isDirectory())
                    .sorted(Comparator.comparing(JarEntry::getName)).toList();
            for (JarEntry entry : entries) {
                md.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                try (InputStream in = file.getInputStream(entry)) {
                    md.update(in.readAllBytes());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
