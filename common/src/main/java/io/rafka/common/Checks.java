package io.rafka.common;

/**
 * Invariant checks that stay on in production (Java {@code assert} is off by default).
 * A failed check is a bug in Rafka, never an operating error: it throws
 * {@link InvariantViolation} with the actual values in the message.
 */
public final class Checks {

    private Checks() {}

    public static void check(boolean condition, String messageFormat, Object... values) {
        if (!condition) {
            throw new InvariantViolation(String.format(messageFormat, values));
        }
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new InvariantViolation(message);
        }
    }

    /** Thrown when code that must never be wrong is wrong. Not to be caught and ignored. */
    public static final class InvariantViolation extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public InvariantViolation(String message) {
            super(message);
        }
    }
}
