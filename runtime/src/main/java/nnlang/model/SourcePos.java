package nnlang.model;

/**
 * A place in a {@code .nn} source: file as the user named it, 1-based line, 1-based column and the
 * length of the token or construct in characters. Later stages keep positions so that an error they
 * find (a name the compiler cannot use, a data file that does not match) still points into the source.
 */
public record SourcePos(String file, int line, int column, int length) {
    /** A position for models built in code rather than parsed from a file. */
    public static final SourcePos NONE = new SourcePos("<none>", 0, 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
