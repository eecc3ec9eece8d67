package nnlang.interop.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol buffers wire format, as much of it as an ONNX model needs: one message's fields
 * appended in the order they are called, and {@link #toByteArray()} for the bytes. A nested message
 * is written into its own writer first and embedded with {@link #message}, which is how the format
 * learns its length.
 *
 * <p>Wire types used: 0 (varint) for integers and enums, 2 (length-delimited) for strings, bytes and
 * embedded messages. Repeated scalars are written unpacked, one tag per
 * element, which every parser accepts for proto2 fields such as ONNX's. Negative integers are
 * varints of their two's complement (ten bytes), as for {@code int64} and {@code int32} fields.
 */
final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An integer or enum field (int32, int64, enum). */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A {@code string} field, in UTF-8. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code bytes} field. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** An embedded message field: the bytes {@code message} holds so far. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    /** Seven bits per byte, least significant group first, the high bit set on all but the last. */
    private void rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
