package nnlang.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of nnlang that writes a file, as the build recorded it ({@code 0.1.0-SNAPSHOT}). */
public final class NnlangVersion {

    private static final String VERSION = load();

    private NnlangVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = NnlangVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the nnlang-interop jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
