package nnlang.runtime.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a CSV file of numbers into {@link DenseSamples}, one sample per line.
 *
 * <p>A line holds {@code inputSize} input values and then either {@code targetSize} target values
 * or, for a classifier, one class that becomes a one-hot target: its index {@code 0 .. targetSize-1}
 * written as a number, or one of the classifier's labels written as it is ({@code setosa}; a cell
 * that reads as a number is always an index).
 * Cells are separated by commas, and spaces or tabs around a cell are ignored. A number is written
 * in decimal, optionally signed and with an exponent ({@code -0.5}, {@code 3}, {@code 1e-3}); NaN,
 * infinities and hexadecimal forms are rejected. Blank lines are skipped; with {@code header}, the
 * first non-blank line is skipped too. Lines end in LF, CR LF or CR. The file is UTF-8 and may start
 * with a byte order mark, which does not count as a column. It is read into memory whole: CSV is
 * for small data sets.
 *
 * <p>Every error names the file, the 1-based line and the 1-based column of the offending cell.
 */
public final class CsvReader {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final String file;
    private final int inputSize;
    private final int targetSize;
    private final boolean classifier;
    /** The classifier's labels, in class order; empty when classes are written as indices only. */
    private final List<String> labels;

    private CsvReader(String file, int inputSize, int targetSize, boolean classifier, List<String> labels) {
        this.file = file;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.classifier = classifier;
        this.labels = List.copyOf(labels);
    }

    /**
     * Reads every sample of {@code path}.
     *
     * @param header     whether the first non-blank line is a header to skip
     * @param inputSize  number of input values per line
     * @param targetSize number of target values per sample (the number of classes for a classifier)
     * @param classifier whether a line ends in one class index instead of {@code targetSize} values
     */
    public static DenseSamples read(Path path, boolean header, int inputSize, int targetSize, boolean classifier)
            throws DataException {
        return read(path, header, inputSize, targetSize, classifier, List.of());
    }

    /**
     * Reads every sample of {@code path}, whose class cells may also be one of {@code labels} (the
     * classifier's labels in class order).
     */
    public static DenseSamples read(Path path, boolean header, int inputSize, int targetSize, boolean classifier,
            List<String> labels) throws DataException {
        return new CsvReader(path.toString(), inputSize, targetSize, classifier, labels).read(path, header);
    }

    private DenseSamples read(Path path, boolean header) throws DataException {
        if (Files.isDirectory(path)) {
            throw new DataException(file, "is a folder, expected a CSV file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found");
        } catch (IOException e) {
            throw new DataException(file, "cannot read the file: " + e.getMessage());
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        Growing inputs = new Growing();
        Growing targets = new Growing();
        boolean skipHeader = header;
        int lineNumber = 0;
        int pos = 0;
        while (pos < bytes.length) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            lineNumber++;
            String line = decode(utf8, bytes, pos, end, lineNumber);
            pos = end + (end + 1 < bytes.length && bytes[end] == '\r' && bytes[end + 1] == '\n' ? 2 : 1);
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (skipHeader) {
                skipHeader = false;
                continue;
            }
            parseLine(line, lineNumber, inputs, targets);
        }
        if (inputs.size() == 0) {
            throw new DataException(file, header ? "no samples after the header line" : "the file has no samples");
        }
        return new DenseSamples(inputSize, targetSize, inputs.toArray(), targets.toArray());
    }

    /** The text of {@code bytes[from .. to)}, one line; a byte sequence that is not UTF-8 is an error at its column. */
    private String decode(CharsetDecoder utf8, byte[] bytes, int from, int to, int lineNumber) throws DataException {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        utf8.reset();
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            throw new DataException(file, lineNumber, out.position() + 1, "not UTF-8 text");
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /** Appends one sample, parsed from {@code line}, to {@code inputs} and {@code targets}. */
    private void parseLine(String line, int lineNumber, Growing inputs, Growing targets) throws DataException {
        int cells = inputSize + (classifier ? 1 : targetSize);
        int start = 0;
        for (int cell = 0; cell < cells; cell++) {
            if (start > line.length()) {
                throw new DataException(file, lineNumber, line.length() + 1,
                        "expected " + cells + " cells (" + layout() + "), found " + cell);
            }
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            int from = skipBlanks(line, start, end);
            int to = trimBlanks(line, from, end);
            String text = line.substring(from, to);
            if (cell >= inputSize && classifier && !text.isEmpty() && !NUMBER.matcher(text).matches()) {
                if (!labels.contains(text)) {
                    throw new DataException(file, lineNumber, from + 1, "expected " + classes() + ", found \"" + text
                            + "\"");
                }
                addOneHot(labels.indexOf(text), text, lineNumber, from + 1, targets);
            } else {
                double value = number(text, lineNumber, from + 1);
                if (cell < inputSize) {
                    inputs.add(value);
                } else if (classifier) {
                    addOneHot(value, text, lineNumber, from + 1, targets);
                } else {
                    targets.add(value);
                }
            }
            start = end + 1;
        }
        if (start <= line.length()) {
            throw new DataException(file, lineNumber, skipBlanks(line, start, line.length()) + 1,
                    "expected " + cells + " cells (" + layout() + "), found " + (line.chars().filter(c -> c == ',').count() + 1));
        }
    }

    /** What a class cell may be: {@code a class index 0..2} or {@code ... or a class label (a, b, c)}. */
    private String classes() {
        return "a class index 0.." + (targetSize - 1)
                + (labels.isEmpty() ? "" : " or a class label (" + String.join(", ", labels) + ")");
    }

    private String layout() {
        return inputSize + (inputSize == 1 ? " input" : " inputs") + " and "
                + (classifier ? "1 class index" : targetSize + (targetSize == 1 ? " target" : " targets"));
    }

    private double number(String text, int lineNumber, int column) throws DataException {
        if (text.isEmpty()) {
            throw new DataException(file, lineNumber, column, "expected a number, found an empty cell");
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new DataException(file, lineNumber, column, "expected a number, found \"" + text + "\"");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new DataException(file, lineNumber, column, "the number " + text + " is too large for a double");
        }
        return value;
    }

    private void addOneHot(double value, String text, int lineNumber, int column, Growing targets)
            throws DataException {
        if (value != Math.rint(value) || value < 0 || value >= targetSize) {
            throw new DataException(file, lineNumber, column, "expected " + classes() + ", found " + text);
        }
        for (int k = 0; k < targetSize; k++) {
            targets.add(k == (int) value ? 1.0 : 0.0);
        }
    }

    private static int skipBlanks(String line, int from, int end) {
        while (from < end && isBlank(line.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimBlanks(String line, int from, int end) {
        while (end > from && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** An append-only list of doubles. */
    private static final class Growing {
        private double[] values = new double[256];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
