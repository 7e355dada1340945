package io.rafka.log;

/**
 * Base of every operating error the log reports to its caller: bad input, offsets out of range,
 * producer-state violations, storage faults. Each subclass maps to one Kafka error code in the
 * broker. Bugs are not {@code LogException}s: they are {@link io.rafka.common.Checks.InvariantViolation}s.
 */
public abstract class LogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected LogException(String message) {
        super(message);
    }

    protected LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
