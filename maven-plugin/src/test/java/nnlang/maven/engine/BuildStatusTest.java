package nnlang.maven.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStatusTest {

    @TempDir
    Path dir;

    Path out;
    Path csv;
    Path statusFile;

    @BeforeEach
    void files() throws IOException {
        out = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(out.resolve("org/example"));
        Files.writeString(out.resolve("org/example/Xor.class"), "class bytes");
        csv = dir.resolve("xor.csv");
        Files.writeString(csv, "0,0,0\n0,1,1\n");
        statusFile = dir.resolve("target/nnlang/train-status.properties");
    }

    private BuildStatus.Entry xorEntry() throws IOException {
        return new BuildStatus.Entry("src1", "conf1", List.of("Xor"), List.of("org/example/Xor.class"),
                List.of(new BuildStatus.DataFile(csv, Sha256.ofFile(csv))));
    }

    private BuildStatus written() throws IOException {
        BuildStatus status = BuildStatus.empty();
        status.put("nets/xor.nn", xorEntry());
        status.write(statusFile);
        return BuildStatus.read(statusFile);
    }

    @Test
    void writtenStatusReadsBackWithTheSameEntries() throws IOException {
        BuildStatus read = written();
        assertEquals(List.of("nets/xor.nn"), read.sources());
        assertEquals(Optional.of(xorEntry()), read.entry("nets/xor.nn"));
    }

    @Test
    void recordThatStillHoldsIsUpToDate() throws IOException {
        assertEquals(Optional.empty(), written().staleReason("nets/xor.nn", "src1", "conf1", out));
    }

    @Test
    void missingStatusFileMeansNoPreviousBuild() throws IOException {
        BuildStatus read = BuildStatus.read(dir.resolve("absent.properties"));
        assertEquals(Optional.of("no previous build"), read.staleReason("xor.nn", "src1", "conf1", out));
    }

    @Test
    void sourceWithoutRecordMeansNoPreviousBuild() throws IOException {
        assertEquals(Optional.of("no previous build"), written().staleReason("and.nn", "src1", "conf1", out));
    }

    @Test
    void otherFormatVersionMakesEverySourceStale() throws IOException {
        written();
        Files.writeString(statusFile, Files.readString(statusFile).replace("format=1", "format=2"));
        BuildStatus read = BuildStatus.read(statusFile);
        assertEquals(List.of(), read.sources());
        assertEquals(Optional.of("status file format changed"), read.staleReason("nets/xor.nn", "src1", "conf1", out));
    }

    @Test
    void incompleteEntryCountsAsAFormatChange() throws IOException {
        Files.createDirectories(statusFile.getParent());
        Files.writeString(statusFile, "format=1\nxor.nn.source=abc\n", StandardCharsets.UTF_8);
        assertEquals(Optional.of("status file format changed"),
                BuildStatus.read(statusFile).staleReason("xor.nn", "abc", "conf1", out));
    }

    @Test
    void changedSourceIsNamedInTheReason() throws IOException {
        assertEquals(Optional.of("nets/xor.nn changed"), written().staleReason("nets/xor.nn", "src2", "conf1", out));
    }

    @Test
    void changedConfigurationIsTheReason() throws IOException {
        assertEquals(Optional.of("plugin or configuration changed"), written().staleReason("nets/xor.nn", "src1", "conf2", out));
    }

    @Test
    void changedDataFileIsNamedInTheReason() throws IOException {
        BuildStatus read = written();
        Files.writeString(csv, "0,0,0\n0,1,1\n1,1,0\n");
        assertEquals(Optional.of("data xor.csv changed"), read.staleReason("nets/xor.nn", "src1", "conf1", out));
    }

    @Test
    void deletedDataFileIsNamedInTheReason() throws IOException {
        BuildStatus read = written();
        Files.delete(csv);
        assertEquals(Optional.of("data xor.csv missing"), read.staleReason("nets/xor.nn", "src1", "conf1", out));
    }

    @Test
    void deletedOutputIsNamedInTheReason() throws IOException {
        BuildStatus read = written();
        Files.delete(out.resolve("org/example/Xor.class"));
        assertEquals(Optional.of("output org/example/Xor.class missing"),
                read.staleReason("nets/xor.nn", "src1", "conf1", out));
    }

    @Test
    void statusFileStartsWithItsFormatVersion() throws IOException {
        written();
        assertTrue(Files.readAllLines(statusFile).contains("format=1"));
    }

    @Test
    void removedSourceIsForgotten() throws IOException {
        BuildStatus read = written();
        read.remove("nets/xor.nn");
        read.write(statusFile);
        assertEquals(List.of(), BuildStatus.read(statusFile).sources());
    }
}
