package nnlang.cli;

/**
 * A failure the user can act on (errors in a source, bad data, a missing parameter file): its
 * message is printed as it is, without a stack trace, and the command exits with status 1.
 */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
