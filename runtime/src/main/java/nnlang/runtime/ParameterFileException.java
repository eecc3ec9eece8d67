package nnlang.runtime;

/**
 * A parameter file that cannot be written, or read into the network it is meant for: missing,
 * damaged, of another format version, or made for another network. The message reads
 * {@code FILE: error: WHAT}.
 *
 * <p>Unchecked on purpose: {@link ParameterFile#loadBeside} runs inside the {@code trained()}
 * factory of every generated network class, where a missing or damaged parameter resource is a
 * packaging mistake like a missing class, which no caller can repair. Tools that can do something
 * about it (the command line falls back to another parameter source or prints the message) catch
 * it explicitly.
 */
public final class ParameterFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file    the file or resource as the user knows it
     * @param problem what is wrong, without the file name
     */
    public ParameterFileException(String file, String problem) {
        this(file, problem, null);
    }

    public ParameterFileException(String file, String problem, Throwable cause) {
        super(file + ": error: " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
