package nnlang.maven.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the last build made from each {@code .nn} source, kept in a properties file under
 * {@code target/} so that a build with nothing changed does nothing, and a build that must redo a
 * source can say why.
 *
 * <h2>File format, version 1</h2>
 * <pre>
 * format=1
 * xor.nn.source=SHA-256 of the source
 * xor.nn.configuration=SHA-256 of the plugin (version and jars) and the configuration that shapes the outputs
 * xor.nn.networks=Xor               (comma-separated network names)
 * xor.nn.outputs=../generated-sources/nnlang/org/example/Xor.java,...   (comma-separated, relative to the output folder)
 * xor.nn.data.1=/abs/path/xor.csv    (data files the networks train on, numbered from 1)
 * xor.nn.data.1.sha256=SHA-256 of that file
 * </pre>
 * Keys start with the source's path relative to the source folder, with {@code /} separators. A
 * file with another format version, or one that cannot be read, counts as no record at all, with the
 * reason {@value #FORMAT_CHANGED}.
 */
public final class BuildStatus {

    /** The version written by, and the only one read by, this class. */
    public static final int FORMAT = 1;

    static final String NO_PREVIOUS_BUILD = "no previous build";
    static final String FORMAT_CHANGED = "status file format changed";

    /** One data file a source's networks train on, and its fingerprint when they were trained. */
    public record DataFile(Path path, String sha256) {}

    /**
     * The record of one source's last successful build.
     *
     * @param networks the networks the build made outputs for, in source order
     * @param outputs  the files written, relative to the output folder with {@code /} separators
     * @param data     the data files read, with their fingerprints
     */
    public record Entry(String sourceSha256, String configurationSha256, List<String> networks,
                        List<String> outputs, List<DataFile> data) {
        public Entry {
            networks = List.copyOf(networks);
            outputs = List.copyOf(outputs);
            data = List.copyOf(data);
        }
    }

    private final Map<String, Entry> entries;
    private final String missingReason;

    private BuildStatus(Map<String, Entry> entries, String missingReason) {
        this.entries = entries;
        this.missingReason = missingReason;
    }

    /** A status with no records, as before a project's first build. */
    public static BuildStatus empty() {
        return new BuildStatus(new TreeMap<>(), NO_PREVIOUS_BUILD);
    }

    /**
     * Reads a status file. A missing file gives an empty status; a file of another format version,
     * or one that is not a well-formed version 1 file, gives an empty status whose sources are all
     * stale because "{@value #FORMAT_CHANGED}".
     */
    public static BuildStatus read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IllegalArgumentException e) {
            return new BuildStatus(new TreeMap<>(), FORMAT_CHANGED);
        }
        if (!Integer.toString(FORMAT).equals(p.getProperty("format"))) {
            return new BuildStatus(new TreeMap<>(), FORMAT_CHANGED);
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith(".source")) {
                String source = key.substring(0, key.length() - ".source".length());
                Entry entry = readEntry(p, source);
                if (entry == null) {
                    return new BuildStatus(new TreeMap<>(), FORMAT_CHANGED);
                }
                entries.put(source, entry);
            }
        }
        return new BuildStatus(entries, NO_PREVIOUS_BUILD);
    }

    private static Entry readEntry(Properties p, String source) {
        String sha = p.getProperty(source + ".source");
        String configuration = p.getProperty(source + ".configuration");
        String networks = p.getProperty(source + ".networks");
        String outputs = p.getProperty(source + ".outputs");
        if (configuration == null || networks == null || outputs == null) {
            return null;
        }
        List<DataFile> data = new ArrayList<>();
        for (int i = 1; p.getProperty(source + ".data." + i) != null; i++) {
            String dataSha = p.getProperty(source + ".data." + i + ".sha256");
            if (dataSha == null) {
                return null;
            }
            data.add(new DataFile(Path.of(p.getProperty(source + ".data." + i)), dataSha));
        }
        return new Entry(sha, configuration, split(networks), split(outputs), data);
    }

    private static List<String> split(String list) {
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }

    /** Writes this status to {@code file}, creating its folder, in format version {@value #FORMAT}. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        entries.forEach((source, e) -> {
            p.setProperty(source + ".source", e.sourceSha256());
            p.setProperty(source + ".configuration", e.configurationSha256());
            p.setProperty(source + ".networks", String.join(",", e.networks()));
            p.setProperty(source + ".outputs", String.join(",", e.outputs()));
            for (int i = 0; i < e.data().size(); i++) {
                p.setProperty(source + ".data." + (i + 1), e.data().get(i).path().toString());
                p.setProperty(source + ".data." + (i + 1) + ".sha256", e.data().get(i).sha256());
            }
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "nnlang build status: what each .nn source was last built from; delete to rebuild all");
        }
    }

    /** The record of {@code source}, if it has one. */
    public Optional<Entry> entry(String source) {
        return Optional.ofNullable(entries.get(source));
    }

    /** The sources that have a record, in path order. */
    public List<String> sources() {
        return List.copyOf(entries.keySet());
    }

    /** Records, or replaces the record of, a source's successful build. */
    public void put(String source, Entry entry) {
        entries.put(source, entry);
    }

    /** Forgets a source, so that it is rebuilt next time. */
    public void remove(String source) {
        entries.remove(source);
    }

    /**
     * Why {@code source} must be built again, or empty when its record still holds: the first of
     * "no previous build" (or "status file format changed"), "SOURCE changed", "configuration
     * changed", "data FILE changed" (or "missing"), "output FILE missing".
     *
     * @param sourceSha256        the source's current fingerprint
     * @param configurationSha256 the current configuration's fingerprint
     * @param outputDirectory     the folder the recorded outputs are relative to
     */
    public Optional<String> staleReason(String source, String sourceSha256, String configurationSha256,
                                        Path outputDirectory) throws IOException {
        Entry e = entries.get(source);
        if (e == null) {
            return Optional.of(missingReason);
        }
        if (!e.sourceSha256().equals(sourceSha256)) {
            return Optional.of(source + " changed");
        }
        if (!e.configurationSha256().equals(configurationSha256)) {
            return Optional.of("plugin or configuration changed");
        }
        for (DataFile d : e.data()) {
            String now = Sha256.ofFile(d.path());
            if (now == null) {
                return Optional.of("data " + d.path().getFileName() + " missing");
            }
            if (!now.equals(d.sha256())) {
                return Optional.of("data " + d.path().getFileName() + " changed");
            }
        }
        for (String output : e.outputs()) {
            if (!Files.isRegularFile(outputDirectory.resolve(output).normalize())) {
                return Optional.of("output " + output + " missing");
            }
        }
        return Optional.empty();
    }
}
