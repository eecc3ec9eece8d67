package nnlang.interop.batch;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import nnlang.runtime.data.DataException;

/**
 * The images of an IDX image file (MNIST's format: the magic number 2051, the count, rows and
 * columns as big-endian int32, then one unsigned byte per pixel), gzip-compressed or raw, told apart
 * by their first bytes, read one image at a time. Each pixel v becomes v / 255.0, in [0, 1], as
 * nnlang's MNIST data are scaled for training. Errors name the file and the image.
 */
public final class IdxImageRows implements InputRows {

    static final int IMAGE_MAGIC = 2051;

    private static final double[] LEVELS = new double[256];

    static {
        for (int v = 0; v < LEVELS.length; v++) {
            LEVELS[v] = v / 255.0;
        }
    }

    private final String file;
    private final DataInputStream in;
    private final int count;
    private final byte[] pixels;
    private int next;

    private IdxImageRows(String file, DataInputStream in, int count, int pixelsPerImage) {
        this.file = file;
        this.in = in;
        this.count = count;
        this.pixels = new byte[pixelsPerImage];
    }

    /** Whether {@code path} starts as a raw or gzip-compressed file does (not checked further). */
    public static boolean looksLikeIdx(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] start = in.readNBytes(4);
            boolean gzip = start.length >= 2 && (start[0] & 0xFF) == 0x1F && (start[1] & 0xFF) == 0x8B;
            boolean raw = start.length == 4 && start[0] == 0 && start[1] == 0 && start[2] == 0x08;
            return gzip || raw;
        }
    }

    /** Opens {@code path} for a network of {@code inputSize} inputs, which must equal rows × columns. */
    public static IdxImageRows open(Path path, int inputSize) throws DataException {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw new DataException(file, "is a folder, expected an IDX image file");
        }
        DataInputStream in = null;
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            in = new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
            int magic = header(in, file, "magic number");
            if (magic != IMAGE_MAGIC) {
                throw new DataException(file, "magic number is " + magic + ", expected " + IMAGE_MAGIC + " (IDX images)"
                        + (magic == 2049 ? "; this is a label file" : ""));
            }
            int count = header(in, file, "image count");
            int rows = header(in, file, "rows");
            int columns = header(in, file, "columns");
            if (count < 0 || rows < 1 || columns < 1 || (long) rows * columns != inputSize) {
                throw new DataException(file, "images of " + rows + " x " + columns + " pixels, but the network has "
                        + inputSize + " inputs");
            }
            return new IdxImageRows(file, in, count, inputSize);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found");
        } catch (IOException e) {
            close(in);
            throw new DataException(file, "cannot read the file: " + e.getMessage());
        } catch (DataException e) {
            close(in);
            throw e;
        }
    }

    private static void close(InputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
    }

    private static int header(DataInputStream in, String file, String field) throws IOException, DataException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataException(file, "the file ends inside the header, at the " + field);
        }
    }

    @Override
    public boolean next(double[] input, double[] target) throws DataException {
        if (next >= count) {
            return false;
        }
        try {
            in.readFully(pixels);
        } catch (EOFException e) {
            throw new DataException(file, next + 1, -1, "the file ends inside image " + (next + 1) + " of " + count);
        } catch (IOException e) {
            throw new DataException(file, next + 1, -1, "cannot read image " + (next + 1) + ": " + e.getMessage());
        }
        for (int p = 0; p < pixels.length; p++) {
            input[p] = LEVELS[pixels[p] & 0xFF];
        }
        next++;
        return true;
    }

    @Override
    public boolean hasTargets() {
        return false;
    }

    @Override
    public String describe() {
        return file;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
