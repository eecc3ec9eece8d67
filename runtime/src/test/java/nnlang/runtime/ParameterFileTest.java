package nnlang.runtime;

import static nnlang.testing.BitAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {

    private static final ParameterLayout XOR = ParameterLayout.decode("Xor:hidden=2x2,out=1x2");
    private static final String WHAT = "Xor.nnp";

    @TempDir
    Path dir;

    /** Nine parameters, among them values whose bits are easy to lose: -0.0, a NaN payload, a subnormal. */
    private static double[] awkwardParameters() {
        return new double[] {-0.0, Double.longBitsToDouble(0x7ff8_0000_dead_beefL), Double.MIN_VALUE,
            Double.NEGATIVE_INFINITY, 1.0 / 3.0, -2.5e300, 0.1, Double.MAX_VALUE, 7};
    }

    private static ParameterFileException decodeFailure(byte[] bytes) {
        return assertThrows(ParameterFileException.class, () -> ParameterFile.decode(bytes, WHAT, XOR));
    }

    @Test
    void aWrittenFileReadsBackBitForBit() {
        Path file = dir.resolve("Xor.nnp");
        double[] params = awkwardParameters();
        ParameterFile.write(file, XOR, params);
        assertBitIdentical(params, ParameterFile.read(file, XOR), "parameters");
        double[] random = new Random(3).doubles(9).map(d -> (d - 0.5) * 1e-3).toArray();
        ParameterFile.write(file, XOR, random);
        assertBitIdentical(random, ParameterFile.read(file, XOR), "parameters");
    }

    @Test
    void theBytesFollowTheDocumentedLayout() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        byte[] text = XOR.encode().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals("NNLP", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt(4));
        assertEquals(text.length, b.getInt(8));
        assertEquals(XOR.encode(), new String(bytes, 12, text.length, StandardCharsets.UTF_8));
        assertEquals(9, b.getInt(12 + text.length));
        assertEquals(0x7ff8_0000_dead_beefL, b.getLong(16 + text.length + 8));
        assertEquals(20 + text.length + 8 * 9, bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        assertEquals((int) crc.getValue(), b.getInt(bytes.length - 4));
    }

    @Test
    void aFileCutShortAnywhereIsReportedAsTruncated() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            ParameterFileException e = decodeFailure(cut);
            String expected = length == 0 ? "truncated: the file is empty" : "truncated: the file ends after " + length + " bytes";
            assertTrue(e.getMessage().startsWith(WHAT + ": error: " + expected), e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheLayoutParametersOrChecksumIsAChecksumMismatch() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        int textEnd = 12 + XOR.encode().length();
        for (int offset = 12; offset < bytes.length; offset++) {
            if (offset >= textEnd && offset < textEnd + 4) {
                continue;
            }
            byte[] damaged = bytes.clone();
            damaged[offset] ^= 0x10;
            ParameterFileException e = decodeFailure(damaged);
            assertTrue(e.problem().startsWith("damaged: checksum mismatch"), offset + ": " + e.problem());
        }
    }

    @Test
    void noFlippedByteAnywhereGoesUnnoticed() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        for (int offset = 0; offset < bytes.length; offset++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = bytes.clone();
                damaged[offset] ^= (byte) (1 << bit);
                decodeFailure(damaged);
            }
        }
    }

    @Test
    void bytesAfterTheChecksumAreDamage() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertTrue(decodeFailure(longer).problem().startsWith("damaged: 3 bytes follow the checksum"));
    }

    @Test
    void anotherFormatIsNotAParameterFile() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        bytes[2] = 'X';
        assertEquals(WHAT + ": error: not a parameter file: it does not start with the magic bytes NNLP",
                decodeFailure(bytes).getMessage());
        assertTrue(decodeFailure("PK\3\4 a zip".getBytes(StandardCharsets.US_ASCII)).problem().startsWith("not a parameter file"));
    }

    @Test
    void anotherFormatVersionIsNamed() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        ByteBuffer.wrap(bytes).putInt(4, 3);
        assertTrue(decodeFailure(bytes).problem().startsWith("format version 3, but this runtime reads versions 1 and 2"));
    }

    private static Checkpoint checkpoint() {
        return new Checkpoint("sha256 of xor.nn", 7, 123_456_789L, 0x123456789ABCL, new int[] {3, 0, 2, 1},
                new double[] {0.5, -0.0, Double.MIN_VALUE, 7}, 5, 0.75, awkwardParameters());
    }

    @Test
    void aCheckpointIsVersionTwoAndReadsBackWhole() {
        Path file = dir.resolve("Xor.checkpoint.nnp");
        ParameterFile.write(file, XOR, awkwardParameters(), checkpoint());
        ParameterFile.Contents contents = ParameterFile.contents(file, XOR);
        assertEquals(Arrays.toString(awkwardParameters()), Arrays.toString(contents.parameters()));
        Checkpoint back = contents.checkpoint().orElseThrow();
        Checkpoint written = checkpoint();
        assertEquals(written.fingerprint(), back.fingerprint());
        assertEquals(written.epoch(), back.epoch());
        assertEquals(written.trainingNanos(), back.trainingNanos());
        assertEquals(written.shuffleState(), back.shuffleState());
        assertArrayEquals(written.order(), back.order());
        assertEquals(Arrays.toString(written.optimizerState()), Arrays.toString(back.optimizerState()));
        assertEquals(written.bestEpoch(), back.bestEpoch());
        assertEquals(written.bestScore(), back.bestScore(), 0.0);
        assertEquals(Arrays.toString(written.bestParameters()), Arrays.toString(back.bestParameters()));
        assertEquals(2, ByteBuffer.wrap(readBytes(file)).getInt(4), "version 2 on disk");
    }

    @Test
    void aCheckpointIsReadAsParametersWhereverParametersAreRead() {
        Path file = dir.resolve("Xor.checkpoint.nnp");
        ParameterFile.write(file, XOR, awkwardParameters(), checkpoint());
        assertEquals(Arrays.toString(awkwardParameters()), Arrays.toString(ParameterFile.read(file, XOR)));
    }

    @Test
    void parametersAloneAreStillVersionOneWithNoCheckpoint() {
        Path file = dir.resolve("Xor.nnp");
        ParameterFile.write(file, XOR, awkwardParameters());
        byte[] bytes = readBytes(file);
        assertEquals(1, ByteBuffer.wrap(bytes).getInt(4));
        assertEquals(20 + XOR.encode().length() + 8 * XOR.parameterCount(), bytes.length);
        assertTrue(ParameterFile.contents(file, XOR).checkpoint().isEmpty());
    }

    @Test
    void aTruncatedOrDamagedCheckpointIsNamed() {
        Path file = dir.resolve("Xor.checkpoint.nnp");
        ParameterFile.write(file, XOR, awkwardParameters(), checkpoint());
        byte[] bytes = readBytes(file);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 9);
        assertTrue(decodeFailure(cut).problem().startsWith("truncated: the file ends after"), decodeFailure(cut).problem());
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 1;
        assertTrue(decodeFailure(flipped).problem().startsWith("damaged: checksum mismatch"));
    }

    private static byte[] readBytes(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anotherNodeShapeNamesTheBlockThatDiffers() {
        Path file = dir.resolve("Xor.nnp");
        ParameterLayout wider = ParameterLayout.decode("Xor:hidden=3x2,out=1x3");
        ParameterFile.write(file, wider, new double[wider.parameterCount()]);
        ParameterFileException e = assertThrows(ParameterFileException.class, () -> ParameterFile.read(file, XOR));
        assertEquals(file + ": error: the parameters are for another network: expected hidden 2x2, file has hidden 3x2",
                e.getMessage());
    }

    @Test
    void anotherNetworkOrNodeCountIsNamed() {
        assertEquals("expected network Xor, file has Nand",
                ParameterFile.mismatch(XOR, ParameterLayout.decode("Nand:hidden=2x2,out=1x2")));
        assertEquals("expected 2 nodes (hidden, out), file has 3 nodes (hidden, out, extra)",
                ParameterFile.mismatch(XOR, ParameterLayout.decode("Xor:hidden=2x2,out=1x2,extra=1x1")));
        assertEquals("expected out 1x2, file has output 1x2",
                ParameterFile.mismatch(XOR, ParameterLayout.decode("Xor:hidden=2x2,output=1x2")));
        assertEquals(null, ParameterFile.mismatch(XOR, ParameterLayout.decode(XOR.encode())));
    }

    @Test
    void aMissingFileAndAFolderAreNamed() {
        Path missing = dir.resolve("Missing.nnp");
        assertEquals(missing + ": error: file not found",
                assertThrows(ParameterFileException.class, () -> ParameterFile.read(missing, XOR)).getMessage());
        assertTrue(assertThrows(ParameterFileException.class, () -> ParameterFile.read(dir, XOR))
                .problem().startsWith("is a folder"));
    }

    @Test
    void writingTheWrongNumberOfParametersIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> ParameterFile.write(dir.resolve("x.nnp"), XOR, new double[8]));
    }

    @Test
    void writingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("Xor.nnp");
        Files.writeString(file, "old contents");
        double[] params = awkwardParameters();
        ParameterFile.write(file, XOR, params);
        assertBitIdentical(params, ParameterFile.read(file, XOR), "parameters");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aWriteThatCannotRenameRemovesItsTemporaryFile() throws IOException {
        Path occupied = Files.createDirectory(dir.resolve("Xor.nnp"));
        Files.writeString(occupied.resolve("inside"), "x");
        ParameterFileException e = assertThrows(ParameterFileException.class,
                () -> ParameterFile.write(occupied, XOR, awkwardParameters()));
        assertTrue(e.problem().startsWith("cannot write the file"), e.problem());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(occupied), files.toList());
        }
    }

    @Test
    void writingIntoAReadOnlyFolderFailsAndLeavesTheOldFileIntact() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("ro"));
        Path file = folder.resolve("Xor.nnp");
        double[] old = awkwardParameters();
        ParameterFile.write(file, XOR, old);
        try (ReadOnly readOnly = ReadOnly.make(folder)) {
            assumeTrue(readOnly.effective(), "cannot make a folder read-only for this user");
            assertThrows(ParameterFileException.class, () -> ParameterFile.write(file, XOR, new double[9]));
        }
        assertBitIdentical(old, ParameterFile.read(file, XOR), "parameters");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void readingFromAStreamNamesTheGivenSource() {
        byte[] bytes = ParameterFile.encode(XOR, awkwardParameters());
        InputStream in = new ByteArrayInputStream(Arrays.copyOf(bytes, 30));
        ParameterFileException e = assertThrows(ParameterFileException.class,
                () -> ParameterFile.read(in, "jar:/nets/Xor.nnp", XOR));
        assertEquals("jar:/nets/Xor.nnp", e.file());
        assertBitIdentical(awkwardParameters(), ParameterFile.read(new ByteArrayInputStream(bytes), "x", XOR), "parameters");
    }

    @Test
    void parametersLoadFromTheResourceBesideTheClass() throws Exception {
        Path packageDir = Files.createDirectories(dir.resolve("nnlang/runtime"));
        try (InputStream classFile = BesideOwner.class.getResourceAsStream("BesideOwner.class")) {
            Files.write(packageDir.resolve("BesideOwner.class"), classFile.readAllBytes());
        }
        LinearNetwork net = new LinearNetwork("Beside", 2, 1);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Class<?> owner = loader.loadClass("nnlang.runtime.BesideOwner");
            ParameterFileException missing = assertThrows(ParameterFileException.class,
                    () -> ParameterFile.loadBeside(owner, net));
            assertEquals("nnlang/runtime/BesideOwner.nnp", missing.file());
            assertTrue(missing.problem().contains("train the network first"), missing.problem());

            ParameterFile.write(packageDir.resolve("BesideOwner.nnp"), net.layout(), new double[] {1, 2, 3});
            ParameterFile.loadBeside(owner, net);
        }
        assertArrayEquals(new double[] {1, 2, 3}, net.parameters());
    }

    @Test
    void theConventionalFileSitsBesideTheSource() {
        assertEquals(Path.of("examples", "Xor.nnp"), ParameterFile.besideSource(Path.of("examples", "xor.nn"), "Xor"));
        assertEquals(Path.of("Xor.nnp"), ParameterFile.besideSource(Path.of("xor.nn"), "Xor"));
    }

    @Test
    void aNameThatCouldLeaveTheFolderNamesNoParameterFile() {
        for (String name : new String[] {"", "..", "../Xor", "a/b", "a\\b", "/etc/x", "X.nnp", "X\0"}) {
            assertThrows(IllegalArgumentException.class, () -> ParameterFile.besideSource(Path.of("d", "x.nn"), name),
                    name);
        }
    }

    /**
     * Makes a folder unwritable for the duration of a test: by its permissions, or, for a user who
     * ignores permissions, by the immutable attribute where the system allows it.
     */
    private static final class ReadOnly implements AutoCloseable {
        private final Path folder;
        private final boolean immutable;

        private ReadOnly(Path folder, boolean immutable) {
            this.folder = folder;
            this.immutable = immutable;
        }

        static ReadOnly make(Path folder) throws IOException, InterruptedException {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (writable(folder)) {
                return new ReadOnly(folder, chattr("+i", folder));
            }
            return new ReadOnly(folder, false);
        }

        boolean effective() throws IOException {
            return !writable(folder);
        }

        private static boolean writable(Path folder) throws IOException {
            try {
                Files.delete(Files.createFile(folder.resolve("probe")));
                return true;
            } catch (FileSystemException e) {
                return false;
            }
        }

        private static boolean chattr(String flag, Path folder) throws InterruptedException {
            try {
                Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (immutable) {
                chattr("-i", folder);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
