package nnlang.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, gzip-compressed when the name ends in {@code .gz}. */
final class IdxFiles {

    static final int PIXELS = 28 * 28;

    private IdxFiles() {}

    /** The bytes of an IDX file: each header field as a big-endian int32, then {@code body}. */
    static byte[] idx(int[] header, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 * header.length + body.length);
        for (int field : header) {
            b.putInt(field);
        }
        return b.put(body).array();
    }

    /** {@code count} 28×28 images; pixel p of image i is {@code (i * 31 + p) mod 256}. */
    static byte[] images(int count) {
        byte[] body = new byte[count * PIXELS];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < PIXELS; p++) {
                body[i * PIXELS + p] = (byte) (i * 31 + p);
            }
        }
        return idx(new int[] {IdxReader.IMAGE_MAGIC, count, 28, 28}, body);
    }

    static byte[] labels(int... labels) {
        byte[] body = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            body[i] = (byte) labels[i];
        }
        return idx(new int[] {IdxReader.LABEL_MAGIC, labels.length}, body);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code raw} to {@code file}, compressed when its name ends in {@code .gz}. */
    static Path write(Path file, byte[] raw) throws IOException {
        Files.write(file, file.toString().endsWith(".gz") ? gzip(raw) : raw);
        return file;
    }
}
