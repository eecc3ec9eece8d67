package nnlang.interop.safetensors;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nnlang.interop.Json;
import nnlang.runtime.ParameterFileException;

/**
 * The safetensors format, for tensors of doubles: what Hugging Face's {@code safetensors} package
 * reads and writes.
 *
 * <p>Layout: 8 bytes, N, an unsigned little-endian 64-bit integer; N bytes of header, a UTF-8 JSON
 * object that starts with {@code {} and may be padded at the end with spaces; then the data buffer,
 * the rest of the file. The header maps each tensor's name to {@code {"dtype": "F64", "shape": [2,
 * 2], "data_offsets": [BEGIN, END]}}, offsets into the data buffer (END exclusive), and may have
 * the key {@code __metadata__} with an object of strings. Values are little-endian, row-major. The
 * tensors together cover the data buffer exactly, without gaps or overlaps.
 *
 * <p>{@link #encode} writes as the Python package writes: the header as compact JSON,
 * {@code __metadata__} first (its keys sorted, where the package's order is that of a hash map), the
 * tensors sorted by name and stored in that order, the header padded with spaces to a multiple of 8
 * bytes. {@link #decode} reads any file of
 * the format whose tensors are {@code F64} or {@code F32} (widened to double exactly), and checks
 * everything the format requires, each failure a {@link ParameterFileException} naming the file and,
 * where there is one, the tensor.
 */
public final class Safetensors {

    /** The key of the metadata in the header. */
    public static final String METADATA = "__metadata__";

    /** Headers larger than this are refused, as the Python package refuses them. */
    static final long MAX_HEADER = 100_000_000;

    /** One tensor: its name, its shape (outermost first) and its values in row-major order. */
    public record Tensor(String name, List<Long> shape, double[] values) {
        public Tensor {
            shape = List.copyOf(shape);
            if (elements(shape) != values.length) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + shape + " cannot hold "
                        + values.length + " values");
            }
        }
    }

    /** A file's metadata and tensors, the tensors in the order of their data. */
    public record Contents(Map<String, String> metadata, List<Tensor> tensors) {}

    private Safetensors() {}

    /** The bytes of a file holding {@code tensors} as F64, with {@code metadata} (may be empty). */
    public static byte[] encode(Map<String, String> metadata, List<Tensor> tensors) {
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(Tensor::name));
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append(Json.quote(METADATA)).append(":{");
            new TreeMap<>(metadata).forEach((k, v) -> header.append(header.charAt(header.length() - 1) == '{' ? "" : ",")
                    .append(Json.quote(k)).append(':').append(Json.quote(v)));
            header.append('}');
        }
        long offset = 0;
        for (Tensor t : sorted) {
            long end = offset + 8L * t.values().length;
            header.append(header.length() == 1 ? "" : ",").append(Json.quote(t.name()))
                    .append(":{\"dtype\":\"F64\",\"shape\":[");
            for (int d = 0; d < t.shape().size(); d++) {
                header.append(d == 0 ? "" : ",").append(t.shape().get(d));
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        header.append('}');
        byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] json = java.util.Arrays.copyOf(text, (text.length + 7) / 8 * 8);
        java.util.Arrays.fill(json, text.length, json.length, (byte) ' ');
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + json.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        for (Tensor t : sorted) {
            for (double v : t.values()) {
                out.putLong(Double.doubleToRawLongBits(v));
            }
        }
        return out.array();
    }

    /**
     * Reads a whole file.
     *
     * @param file the file as the user named it, for messages
     * @throws ParameterFileException when the bytes are not a well-formed safetensors file of F64 or
     *                                F32 tensors
     */
    public static Contents decode(byte[] bytes, String file) {
        if (bytes.length < 8) {
            throw new ParameterFileException(file, "the file is " + bytes.length + " bytes long; a safetensors file"
                    + " starts with an 8-byte header length (truncated?)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength < 0 || headerLength > MAX_HEADER) {
            throw new ParameterFileException(file, "the header length " + Long.toUnsignedString(headerLength)
                    + " is larger than the limit of " + MAX_HEADER + " bytes; not a safetensors file?");
        }
        if (headerLength > bytes.length - 8) {
            throw new ParameterFileException(file, "truncated: the header is " + headerLength + " bytes long, but only "
                    + (bytes.length - 8) + " bytes follow its length");
        }
        String header = utf8(bytes, (int) headerLength, file);
        if (!header.startsWith("{")) {
            throw new ParameterFileException(file, "the header does not start with '{'; not a safetensors file?");
        }
        Object parsed;
        try {
            parsed = Json.parse(header);
        } catch (Json.SyntaxException e) {
            throw new ParameterFileException(file, "the header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> entries)) {
            throw new ParameterFileException(file, "the header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> found = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                metadata = metadata(e.getValue(), file);
            } else {
                found.add(entry(name, e.getValue(), dataLength, file));
            }
        }
        found.sort(Comparator.comparingLong(Entry::begin));
        long expectedBegin = 0;
        for (Entry e : found) {
            if (e.begin() < expectedBegin) {
                throw new ParameterFileException(file, "the data of tensor " + e.name() + " overlaps the tensor before it");
            }
            if (e.begin() > expectedBegin) {
                throw new ParameterFileException(file, "the data buffer has " + (e.begin() - expectedBegin)
                        + " bytes before tensor " + e.name() + " that belong to no tensor");
            }
            expectedBegin = e.end();
        }
        if (expectedBegin < dataLength) {
            throw new ParameterFileException(file, "the data buffer has " + (dataLength - expectedBegin)
                    + " bytes after the last tensor that belong to no tensor");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Entry e : found) {
            tensors.add(new Tensor(e.name(), e.shape(), values(bytes, dataStart, e)));
        }
        return new Contents(metadata, tensors);
    }

    /** A tensor's header entry, checked against the data buffer's length. */
    private record Entry(String name, String dtype, List<Long> shape, long begin, long end) {}

    private static Entry entry(String name, Object value, long dataLength, String file) {
        if (!(value instanceof Map<?, ?> info)) {
            throw new ParameterFileException(file, "the header entry of tensor " + name + " is not a JSON object");
        }
        for (Object key : info.keySet()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(key)) {
                throw new ParameterFileException(file, "tensor " + name + " has an unknown field \"" + key + "\"");
            }
        }
        if (!(info.get("dtype") instanceof String dtype)) {
            throw new ParameterFileException(file, "tensor " + name + " has no dtype");
        }
        int size = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            default -> throw new ParameterFileException(file, "tensor " + name + " is of dtype " + dtype
                    + "; nnlang reads F64 (and F32, widened to double)");
        };
        List<Long> shape = integers(info.get("shape"), -1, name, "shape", file);
        List<Long> offsets = integers(info.get("data_offsets"), 2, name, "data_offsets", file);
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (begin > end || end > dataLength) {
            throw new ParameterFileException(file, "tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "], outside the data buffer of " + dataLength + " bytes (truncated?)");
        }
        long elements = elements(shape);
        if (elements < 0 || end - begin != elements * size) {
            throw new ParameterFileException(file, "tensor " + name + " of dtype " + dtype + " and shape " + shape
                    + " needs " + (elements < 0 ? "too many" : String.valueOf(elements * size)) + " bytes, but its data_offsets ["
                    + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers (of {@code length} elements unless it is -1). */
    private static List<Long> integers(Object value, int length, String tensor, String field, String file) {
        if (!(value instanceof List<?> list) || length >= 0 && list.size() != length) {
            throw new ParameterFileException(file, "tensor " + tensor + " has no " + field
                    + (length >= 0 ? " array of " + length + " integers" : " array"));
        }
        List<Long> result = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof BigInteger b) || b.signum() < 0 || b.bitLength() > 62) {
                throw new ParameterFileException(file, "tensor " + tensor + " has " + field + " " + list
                        + "; expected non-negative integers");
            }
            result.add(b.longValue());
        }
        return result;
    }

    private static Map<String, String> metadata(Object value, String file) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ParameterFileException(file, "the header's " + METADATA + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new ParameterFileException(file, "the header's " + METADATA + " has a value for \"" + e.getKey()
                        + "\" that is not a string");
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private static double[] values(byte[] bytes, int dataStart, Entry e) {
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) e.begin(), (int) (e.end() - e.begin()))
                .order(ByteOrder.LITTLE_ENDIAN);
        boolean f64 = e.dtype().equals("F64");
        double[] values = new double[(int) ((e.end() - e.begin()) / (f64 ? 8 : 4))];
        for (int i = 0; i < values.length; i++) {
            values[i] = f64 ? Double.longBitsToDouble(data.getLong()) : data.getFloat();
        }
        return values;
    }

    private static String utf8(byte[] bytes, int length, String file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ParameterFileException(file, "the header is not UTF-8 text; not a safetensors file?");
        }
    }

    /** The product of the dimensions, or -1 when it does not fit in an int. */
    static long elements(List<Long> shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return n;
    }
}
