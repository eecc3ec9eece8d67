package nnlang.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * Trained parameters on disk: a small versioned binary format that records the layout the
 * parameters belong to, so that loading them into another network fails with a clear message.
 * Version 1 holds parameters only; version 2, written only for a run's {@link Checkpoint}, adds
 * the state training needs to continue. Both are read everywhere parameters are read.
 *
 * <p>Format version 1, all integers big-endian:
 * <pre>
 * offset          size  content
 * 0               4     magic bytes "NNLP" (4E 4E 4C 50)
 * 4               4     format version, int32 = 1
 * 8               4     L, the length in bytes of the layout text, int32
 * 12              L     the layout, {@link ParameterLayout#encode()}, UTF-8 (e.g. Xor:hidden=2x2,out=1x2)
 * 12+L            4     N, the number of parameters, int32 (equals the layout's parameter count)
 * 16+L            8·N   the parameters in the order of NetworkModel, each the IEEE 754 bits of a double, int64
 * 16+L+8N         4     CRC-32 (java.util.zip.CRC32) of bytes [0, 16+L+8N), as an unsigned int32
 * </pre>
 * The file ends right after the checksum; its length is 20 + L + 8N.
 *
 * <p>The file holds every parameter of the network, fixed nodes' included (they are the values the
 * network ran and trained with, which a trained part brought or the source gave); the layout text
 * marks a fixed node ({@code bits=4x10 fixed}). The layout of a network without fixed nodes is the
 * text it has always been, so such files are byte for byte what they were.
 * <p>Format version 2 is version 1 with the version field 2 and, between the parameters and the
 * checksum, 4 bytes S (int32) and then S bytes of training state ({@link Checkpoint#encode}); the
 * checksum covers everything before it, and the length is 24 + L + 8N + S. A network trained to its
 * end is saved in version 1, so that its file is what every earlier version wrote.
 *
 * <p>Reading checks, in this order: the magic bytes, the version, that the length matches what the
 * header announces (a shorter file is truncated), the checksum, and then that the layout is the one
 * expected. Every failure is a {@link ParameterFileException} naming the file.
 */
public final class ParameterFile {

    /** The conventional file name extension. */
    public static final String EXTENSION = ".nnp";

    /** The format version of parameters alone, which this class writes for a trained network. */
    public static final int VERSION = 1;

    /** The format version of a checkpoint: parameters and training state. */
    public static final int CHECKPOINT_VERSION = 2;

    private static final byte[] MAGIC = {'N', 'N', 'L', 'P'};
    private static final int HEADER = 12;

    private ParameterFile() {}

    /**
     * Writes {@code params} to {@code file} so that a crash never leaves a partial file: the bytes go
     * to a new temporary file in the same folder, are forced to the device, and the temporary file
     * is then renamed over {@code file} atomically (or, where the file system cannot rename
     * atomically, moved over it), and the folder is forced too. A process killed at any point leaves
     * either the previous file or the new one, whole ({@code KilledWhileSavingTest}). On failure the temporary file is removed and any previous
     * {@code file} is left as it was.
     *
     * @param params exactly {@code layout.parameterCount()} values; not modified
     * @throws ParameterFileException when the file cannot be written
     */
    public static void write(Path file, ParameterLayout layout, double[] params) {
        writeBytes(file, encode(layout, params, null));
    }

    /**
     * Writes {@code params} with {@code checkpoint}, the state a run needs to continue from them,
     * in format version 2, as safely as {@link #write(Path, ParameterLayout, double[])}.
     */
    public static void write(Path file, ParameterLayout layout, double[] params, Checkpoint checkpoint) {
        writeBytes(file, encode(layout, params, checkpoint.encode()));
    }

    private static void writeBytes(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(target.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ParameterFileException(file.toString(), "cannot write the file: " + e, e);
        }
    }

    /**
     * Forces the folder's entries to the device, so that the rename survives a power failure too;
     * where a folder cannot be opened for that (not every platform allows it) the rename stands as
     * the file system keeps it.
     */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the file is complete and in place; only its durability across a power failure is up to the OS
        }
    }

    /**
     * The parameters stored in {@code file}, checked against {@code expected}.
     *
     * @throws ParameterFileException when the file is missing, unreadable, damaged, or for another layout
     */
    public static double[] read(Path file, ParameterLayout expected) {
        return contents(file, expected).parameters();
    }

    /** What a file holds: its parameters, and the checkpoint a version 2 file adds. */
    public record Contents(double[] parameters, java.util.Optional<Checkpoint> checkpoint) {}

    /**
     * The parameters and, in a version 2 file, the checkpoint stored in {@code file}, checked against
     * {@code expected}.
     *
     * @throws ParameterFileException when the file is missing, unreadable, damaged, or for another layout
     */
    public static Contents contents(Path file, ParameterLayout expected) {
        String what = file.toString();
        if (Files.isDirectory(file)) {
            throw new ParameterFileException(what, "is a folder, expected a parameter file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ParameterFileException(what, "file not found");
        } catch (IOException e) {
            throw new ParameterFileException(what, "cannot read the file: " + e, e);
        }
        return decodeContents(bytes, what, expected);
    }

    /**
     * The parameters in {@code in}, read to its end (the stream is not closed), checked against
     * {@code expected}.
     *
     * @param what the name of the file or resource, for messages
     * @throws ParameterFileException when the data are unreadable, damaged, or for another layout
     */
    public static double[] read(InputStream in, String what, ParameterLayout expected) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ParameterFileException(what, "cannot read: " + e, e);
        }
        return decode(bytes, what, expected);
    }

    /**
     * Sets {@code into}'s parameters from the resource {@code <simple name of owner>.nnp} in the
     * same package as {@code owner}: where a build puts a network's trained parameters next to the
     * class compiled from it. Generated network classes call this from their {@code trained()}
     * factory.
     *
     * @throws ParameterFileException when the resource is missing, damaged, or for another layout
     */
    public static void loadBeside(Class<?> owner, Network into) {
        String resource = owner.getSimpleName() + EXTENSION;
        String packagePath = owner.getPackageName().replace('.', '/');
        String what = packagePath.isEmpty() ? resource : packagePath + "/" + resource;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ParameterFileException(what, "resource not found beside class " + owner.getName()
                        + "; train the network first, so that its trained parameters are packaged as "
                        + resource + " next to " + owner.getSimpleName() + ".class");
            }
            into.setParameters(read(in, what, into.layout()));
        } catch (IOException e) {
            throw new ParameterFileException(what, "cannot read: " + e, e);
        }
    }

    /**
     * The conventional place for a network's parameters: {@code <networkName>.nnp} beside its source.
     *
     * @throws IllegalArgumentException when the name is not an identifier (a name from a checked
     *                                  source always is), so that it cannot lead out of the folder
     */
    public static Path besideSource(Path nnFile, String networkName) {
        boolean identifier = !networkName.isEmpty() && Character.isJavaIdentifierStart(networkName.charAt(0))
                && networkName.chars().allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
        if (!identifier) {
            throw new IllegalArgumentException("'" + networkName + "' cannot name a parameter file");
        }
        return nnFile.resolveSibling(networkName + EXTENSION);
    }

    /** The whole file for {@code params} laid out as {@code layout}, as documented above. */
    static byte[] encode(ParameterLayout layout, double[] params) {
        return encode(layout, params, null);
    }

    /** The whole file, version 1 when {@code state} is null, else version 2 with {@code state}. */
    private static byte[] encode(ParameterLayout layout, double[] params, byte[] state) {
        if (params.length != layout.parameterCount()) {
            throw new IllegalArgumentException(params.length + " parameters for layout " + layout
                    + ", which has " + layout.parameterCount());
        }
        byte[] text = layout.encode().getBytes(StandardCharsets.UTF_8);
        int extension = state == null ? 0 : 4 + state.length;
        ByteBuffer b = ByteBuffer.allocate(HEADER + text.length + 4 + 8 * params.length + extension + 4);
        b.put(MAGIC).putInt(state == null ? VERSION : CHECKPOINT_VERSION).putInt(text.length).put(text)
                .putInt(params.length);
        for (double p : params) {
            b.putLong(Double.doubleToRawLongBits(p));
        }
        if (state != null) {
            b.putInt(state.length).put(state);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The parameters in {@code bytes}, a whole file, checked as documented above. */
    static double[] decode(byte[] bytes, String what, ParameterLayout expected) {
        return decodeContents(bytes, what, expected).parameters();
    }

    /** The parameters and checkpoint in {@code bytes}, a whole file, checked as documented above. */
    static Contents decodeContents(byte[] bytes, String what, ParameterLayout expected) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i == bytes.length) {
                throw truncated(what, bytes.length, ", inside the magic bytes");
            }
            if (bytes[i] != MAGIC[i]) {
                throw new ParameterFileException(what, "not a parameter file: it does not start with the magic bytes NNLP");
            }
        }
        if (bytes.length < HEADER) {
            throw truncated(what, bytes.length, ", inside the header");
        }
        int version = b.getInt(4);
        if (version != VERSION && version != CHECKPOINT_VERSION) {
            throw new ParameterFileException(what, "format version " + version + ", but this runtime reads versions "
                    + VERSION + " and " + CHECKPOINT_VERSION + "; train the network again to write it in this version");
        }
        int textLength = b.getInt(8);
        if (textLength < 0 || (long) HEADER + textLength + 4 > bytes.length) {
            throw truncated(what, bytes.length, ", before the parameter count (the header announces a layout text of "
                    + textLength + " bytes)");
        }
        int count = b.getInt(HEADER + textLength);
        long length = HEADER + textLength + 4 + 8L * count + 4;
        if (count < 0 || length > bytes.length) {
            throw truncated(what, bytes.length, ", but its header announces " + count + " parameters in "
                    + length + " bytes");
        }
        int stateAt = -1;
        int stateLength = 0;
        if (version == CHECKPOINT_VERSION) {
            if (length + 4 > bytes.length) {
                throw truncated(what, bytes.length, ", before the length of its training state");
            }
            stateLength = b.getInt((int) length - 4);
            stateAt = (int) length;
            length += 4L + stateLength;
            if (stateLength < 0 || length > bytes.length) {
                throw truncated(what, bytes.length, ", but its header announces " + stateLength
                        + " bytes of training state in " + length + " bytes");
            }
        }
        if (length < bytes.length) {
            throw new ParameterFileException(what, "damaged: " + (bytes.length - length)
                    + " bytes follow the checksum (the header announces " + length + " bytes in all)");
        }
        int body = (int) length - 4;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        int stored = b.getInt(body);
        if (stored != (int) crc.getValue()) {
            throw new ParameterFileException(what, String.format(
                    "damaged: checksum mismatch (stored %08x, computed %08x)", stored, (int) crc.getValue()));
        }
        ParameterLayout actual = layout(bytes, textLength, what);
        if (actual.parameterCount() != count) {
            throw new ParameterFileException(what, "damaged: layout " + actual + " has " + actual.parameterCount()
                    + " parameters, but the file holds " + count);
        }
        String mismatch = mismatch(expected, actual);
        if (mismatch != null) {
            throw new ParameterFileException(what, "the parameters are for another network: " + mismatch);
        }
        double[] params = new double[count];
        int offset = HEADER + textLength + 4;
        for (int i = 0; i < count; i++) {
            params[i] = Double.longBitsToDouble(b.getLong(offset + 8 * i));
        }
        java.util.Optional<Checkpoint> checkpoint = stateAt < 0 ? java.util.Optional.empty()
                : java.util.Optional.of(Checkpoint.decode(java.util.Arrays.copyOfRange(bytes, stateAt, stateAt + stateLength),
                        what));
        return new Contents(params, checkpoint);
    }

    /** {@code detail} continues "the file ends after N bytes". */
    private static ParameterFileException truncated(String what, int size, String detail) {
        return new ParameterFileException(what, size == 0 ? "truncated: the file is empty"
                : "truncated: the file ends after " + size + " bytes" + detail);
    }

    private static ParameterLayout layout(byte[] bytes, int textLength, String what) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, HEADER, textLength)).toString();
            return ParameterLayout.decode(text);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new ParameterFileException(what, "damaged: the layout text cannot be read", e);
        }
    }

    /**
     * How {@code actual} differs from {@code expected}, e.g. {@code expected hidden 2x2, file has
     * hidden 3x2}, or null when they are the same.
     */
    static String mismatch(ParameterLayout expected, ParameterLayout actual) {
        List<String> differences = new ArrayList<>();
        if (!expected.network().equals(actual.network())) {
            differences.add("expected network " + expected.network() + ", file has " + actual.network());
        }
        List<ParameterLayout.NodeBlocks> e = expected.nodes();
        List<ParameterLayout.NodeBlocks> a = actual.nodes();
        int common = Math.min(e.size(), a.size());
        int i = 0;
        while (i < common && e.get(i).equals(a.get(i))) {
            i++;
        }
        if (i < common) {
            differences.add("expected " + e.get(i).describe() + ", file has " + a.get(i).describe());
        } else if (e.size() != a.size()) {
            differences.add("expected " + nodes(e) + ", file has " + nodes(a));
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    private static String nodes(List<ParameterLayout.NodeBlocks> blocks) {
        List<String> names = blocks.stream().map(ParameterLayout.NodeBlocks::node).toList();
        return blocks.size() + (blocks.size() == 1 ? " node (" : " nodes (") + String.join(", ", names) + ")";
    }
}
