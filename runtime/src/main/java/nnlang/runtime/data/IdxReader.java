package nnlang.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX file of unsigned bytes, gzip-compressed (name ending in {@code .gz}) or raw.
 *
 * <p>Layout, all integers big-endian int32: the magic number (2051 for images, 2049 for labels), the
 * record count, for images the number of rows and of columns, then the records, one unsigned byte
 * per pixel or label, with nothing after them. Every check names the file and the header field or
 * the 1-based record (image or label number) at fault.
 */
final class IdxReader {

    static final int IMAGE_MAGIC = 2051;
    static final int LABEL_MAGIC = 2049;

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final String file;

    private IdxReader(Path path) {
        this.path = path;
        this.file = path.toString();
    }

    /**
     * The pixels of every image, image after image, row by row: {@code count × rows × cols} bytes.
     *
     * @param rows the number of rows every image must have
     * @param cols the number of columns every image must have
     */
    static byte[] readImages(Path path, int rows, int cols) throws DataException {
        return new IdxReader(path).read(true, rows, cols, 0);
    }

    /** One byte per label, each checked to be below {@code classes}. */
    static byte[] readLabels(Path path, int classes) throws DataException {
        return new IdxReader(path).read(false, 0, 0, classes);
    }

    private byte[] read(boolean images, int rows, int cols, int classes) throws DataException {
        if (Files.isDirectory(path)) {
            throw new DataException(file, "is a folder, expected an IDX file");
        }
        try (InputStream in = open()) {
            int magic = headerField(in, "magic number");
            int expected = images ? IMAGE_MAGIC : LABEL_MAGIC;
            if (magic != expected) {
                throw new DataException(file, "magic number is " + magic + ", expected " + expected
                        + " (IDX " + (images ? "images" : "labels") + ")"
                        + (magic == (images ? LABEL_MAGIC : IMAGE_MAGIC)
                                ? "; this is a " + (images ? "label" : "image") + " file" : ""));
            }
            int count = headerField(in, images ? "image count" : "label count");
            if (count < 0) {
                throw new DataException(file, "header field count is " + count + ", expected a count of records");
            }
            if (images) {
                checkDimension(headerField(in, "rows"), "rows", rows);
                checkDimension(headerField(in, "columns"), "columns", cols);
            }
            int recordSize = images ? rows * cols : 1;
            if ((long) count * recordSize > Integer.MAX_VALUE - 8) {
                throw new DataException(file, "header field count is " + count + ", too many records to hold");
            }
            byte[] data = new byte[count * recordSize];
            readRecords(in, data, recordSize, images ? "image" : "label");
            int extra = readSome(in, 1).length;
            if (extra > 0) {
                throw new DataException(file, "the file continues after the last of its " + count + " records");
            }
            if (!images) {
                checkLabels(data, classes);
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found");
        } catch (ZipException e) {
            throw new DataException(file, "not valid gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new DataException(file, "cannot read the file: " + e.getMessage());
        }
    }

    private InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER);
        return file.endsWith(".gz") ? new GZIPInputStream(raw, BUFFER) : raw;
    }

    private int headerField(InputStream in, String field) throws IOException, DataException {
        byte[] b = readSome(in, 4);
        if (b.length < 4) {
            throw new DataException(file, "the file ends inside the header, in field " + field);
        }
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private void checkDimension(int actual, String field, int expected) throws DataException {
        if (actual != expected) {
            throw new DataException(file, "header field " + field + " is " + actual + ", expected " + expected);
        }
    }

    /** Fills {@code data} record by record; a file that ends early names the first incomplete record. */
    private void readRecords(InputStream in, byte[] data, int recordSize, String what)
            throws IOException, DataException {
        int done = 0;
        while (done < data.length) {
            int n = readSome(in, data, done, Math.min(BUFFER, data.length - done));
            if (n == 0) {
                int record = done / recordSize + 1;
                int count = data.length / recordSize;
                throw new DataException(file, record, -1, "the file ends inside " + what + " " + record
                        + " of " + count + (recordSize > 1 ? ", after " + done % recordSize + " of its "
                        + recordSize + " bytes" : ""));
            }
            done += n;
        }
    }

    private void checkLabels(byte[] labels, int classes) throws DataException {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classes) {
                throw new DataException(file, i + 1, -1,
                        "label " + (i + 1) + " is " + label + ", expected a class 0.." + (classes - 1));
            }
        }
    }

    private static byte[] readSome(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        return Arrays.copyOf(b, readSome(in, b, 0, n));
    }

    /**
     * Reads up to {@code n} bytes into {@code dst[off ..]} and returns how many it read: fewer only
     * at the end of the data. A gzip stream that ends without its trailer counts as the end of the
     * data, after every byte it did deliver.
     */
    private static int readSome(InputStream in, byte[] dst, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int r;
            try {
                r = in.read(dst, off + done, n - done);
            } catch (EOFException e) {
                r = -1;
            }
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
