package io.rafka.broker.config;

/**
 * A configuration value Rafka cannot run with. Start-up stops; the message names the key, the
 * offending value and what would have been accepted, so the operator can fix the file without
 * reading code.
 *
 * <p>Immutable, thread-safe.
 */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    public InvalidConfigException(String key, Object value, String expected) {
        super(String.format("Invalid value '%s' for configuration '%s': %s", value, key, expected));
        this.key = key;
        this.value = String.valueOf(value);
    }

    /** The configuration key whose value was refused. */
    public String key() {
        return key;
    }

    /** The refused value, as written. */
    public String value() {
        return value;
    }
}
