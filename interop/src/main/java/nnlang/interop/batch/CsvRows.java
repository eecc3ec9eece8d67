package nnlang.interop.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nnlang.runtime.data.DataException;

/**
 * The rows of a CSV file of numbers, read line by line: each line holds a row's inputs, and may hold
 * its targets after them as a training file does (the target values, or a classifier's class
 * index), in which case every line must. Blank lines are skipped; with {@code header}, so is the
 * first line. Errors name the file, the line and the column.
 */
public final class CsvRows implements InputRows {

    private final String file;
    private final BufferedReader reader;
    private final int inputSize;
    private final int outputSize;
    private final boolean classifier;
    private boolean skipHeader;
    private int line;
    /** Cells per line, fixed by the first row: inputSize, or inputSize plus the targets' cells. */
    private int cells;
    private boolean targets;
    private char[] chars = new char[256];
    private String pending;

    private CsvRows(Path path, BufferedReader reader, int inputSize, int outputSize, boolean classifier, boolean header) {
        this.file = path.toString();
        this.reader = reader;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.classifier = classifier;
        this.skipHeader = header;
    }

    /**
     * Opens {@code path} for a network of {@code inputSize} inputs and {@code outputSize} outputs.
     *
     * @param classifier whether a line's target is one class index rather than {@code outputSize} values
     */
    public static CsvRows open(Path path, int inputSize, int outputSize, boolean classifier, boolean header)
            throws DataException {
        if (Files.isDirectory(path)) {
            throw new DataException(path.toString(), "is a folder, expected a CSV file");
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)), 1 << 16);
            CsvRows rows = new CsvRows(path, reader, inputSize, outputSize, classifier, header);
            rows.pending = rows.nextLine();
            if (rows.pending == null) {
                reader.close();
                throw new DataException(path.toString(), header ? "no rows after the header line" : "the file has no rows");
            }
            try {
                rows.layout(rows.pending);
            } catch (DataException e) {
                reader.close();
                throw e;
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new DataException(path.toString(), "file not found");
        } catch (IOException e) {
            throw new DataException(path.toString(), "cannot read the file: " + e.getMessage());
        }
    }

    /** The next line that holds a row, or null at the end of the file. */
    private String nextLine() throws DataException {
        try {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (skipHeader) {
                    skipHeader = false;
                    continue;
                }
                return text;
            }
            return null;
        } catch (IOException e) {
            throw new DataException(file, line + 1, -1, "cannot read the line: " + e.getMessage());
        }
    }

    /** Fixes the number of cells per line from the first row: the inputs, or the inputs and targets. */
    private void layout(String first) throws DataException {
        int found = 1 + (int) first.chars().filter(c -> c == ',').count();
        int withTargets = inputSize + (classifier ? 1 : outputSize);
        if (found != inputSize && found != withTargets) {
            throw new DataException(file, line, -1, "expected " + inputSize + " cells (the inputs) or " + withTargets
                    + " (the inputs, then " + (classifier ? "a class index" : outputSize + " targets") + "), found " + found);
        }
        cells = found;
        targets = found == withTargets;
    }

    @Override
    public boolean next(double[] input, double[] target) throws DataException {
        String text = pending != null ? pending : nextLine();
        pending = null;
        if (text == null) {
            return false;
        }
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        text.getChars(0, length, chars, 0);
        int found = 1;
        for (int i = 0; i < length; i++) {
            found += chars[i] == ',' ? 1 : 0;
        }
        if (found != cells) {
            throw new DataException(file, line, -1, "expected " + cells + " cells as on the first row, found " + found);
        }
        int start = 0;
        for (int cell = 0; cell < cells; cell++) {
            int end = start;
            while (end < length && chars[end] != ',') {
                end++;
            }
            int from = start;
            int to = end;
            while (from < to && (chars[from] == ' ' || chars[from] == '\t')) {
                from++;
            }
            while (to > from && (chars[to - 1] == ' ' || chars[to - 1] == '\t')) {
                to--;
            }
            double value = Decimal.parse(chars, from, to);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new DataException(file, line, from + 1, from == to ? "expected a number, found an empty cell"
                        : "expected a number, found \"" + new String(chars, from, to - from) + "\"");
            }
            if (cell < inputSize) {
                input[cell] = value;
            } else if (classifier) {
                if (value != Math.rint(value) || value < 0 || value >= outputSize) {
                    throw new DataException(file, line, from + 1, "expected a class index 0.." + (outputSize - 1)
                            + ", found " + new String(chars, from, to - from));
                }
                for (int k = 0; k < outputSize; k++) {
                    target[k] = k == (int) value ? 1.0 : 0.0;
                }
            } else {
                target[cell - inputSize] = value;
            }
            start = end + 1;
        }
        return true;
    }

    @Override
    public boolean hasTargets() {
        return targets;
    }

    @Override
    public String describe() {
        return file;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
