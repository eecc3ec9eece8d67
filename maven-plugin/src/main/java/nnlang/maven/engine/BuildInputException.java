package nnlang.maven.engine;

/**
 * The project's inputs are wrong: a {@code .nn} source does not check, a data file does not match
 * its network, or a trained network misses its {@code expect accuracy}. The user fixes these in the
 * project; the details (with positions) have been logged before this is thrown.
 */
public final class BuildInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildInputException(String message) {
        super(message);
    }
}
