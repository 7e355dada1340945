package io.rafka.cli;

/**
 * An operation error: the cluster said no, a file is malformed, an address is unreachable. The
 * message is the one line the user reads on stderr, so it must name what was wrong; the command
 * exits with code 1. Bugs are not {@code CliException}s: they surface with their stack trace.
 *
 * <p>Thread-safety: immutable.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
