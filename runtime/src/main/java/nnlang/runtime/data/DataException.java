package nnlang.runtime.data;

import nnlang.model.SourcePos;

/**
 * A data set that cannot be used: a file that is missing, unreadable or malformed, or data that do
 * not fit the network. The message reads {@code FILE:RECORD:COLUMN: error: WHAT}, e.g.
 * {@code data/x.csv:3:5: error: expected a number, found "abc"}; the record and the column are left
 * out when they do not apply.
 */
public final class DataException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int record;
    private final int column;
    private final String problem;

    /**
     * @param file    the file as the user named it
     * @param record  1-based line of a text file or record of a binary file (image or label number),
     *                or 0 when the problem concerns the whole file or its header
     * @param column  1-based column of the offending cell or character, or -1
     * @param problem what is wrong and what was expected, without the position
     */
    public DataException(String file, int record, int column, String problem) {
        super(format(file, record, column, problem));
        this.file = file;
        this.record = record;
        this.column = column;
        this.problem = problem;
    }

    /** A problem with the whole file or its header. */
    public DataException(String file, String problem) {
        this(file, 0, -1, problem);
    }

    /** A problem with the data a {@code .nn} source names, at the position in that source. */
    public DataException(SourcePos pos, String problem) {
        this(pos.file(), pos.line(), pos.column(), problem);
    }

    private static String format(String file, int record, int column, String problem) {
        StringBuilder s = new StringBuilder(file);
        if (record > 0) {
            s.append(':').append(record);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.append(": error: ").append(problem).toString();
    }

    public String file() {
        return file;
    }

    /** The 1-based line or record, or 0 when the problem concerns the whole file. */
    public int record() {
        return record;
    }

    /** The 1-based column, or -1. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
