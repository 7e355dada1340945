package io.rafka.cli.clients;

import io.rafka.cli.CliException;
import java.nio.charset.StandardCharsets;

/**
 * Splits a stdin line into key and value for {@code rafka produce}. Without a key separator the
 * whole line is the value and the key is null; with one, the line splits at its first occurrence,
 * and a line without it is an error naming the line (silently sending a null key would scatter
 * what the user meant to keep in one partition).
 *
 * <p>Thread-safety: immutable.
 */
public final class ProduceLineParser {
    private final String keySeparator;

    /** @param keySeparator null for value-only lines; otherwise non-empty */
    public ProduceLineParser(String keySeparator) {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new CliException("--key-separator must not be empty");
        }
        this.keySeparator = keySeparator;
    }

    /** A parsed line: key null when there is no separator; bytes are UTF-8. */
    public record KeyAndValue(byte[] key, byte[] value) {}

    public KeyAndValue parse(String line, long lineNumber) {
        if (keySeparator == null) {
            return new KeyAndValue(null, line.getBytes(StandardCharsets.UTF_8));
        }
        int at = line.indexOf(keySeparator);
        if (at < 0) {
            throw new CliException("line " + lineNumber + " has no key separator '" + keySeparator + "'");
        }
        return new KeyAndValue(line.substring(0, at).getBytes(StandardCharsets.UTF_8),
                line.substring(at + keySeparator.length()).getBytes(StandardCharsets.UTF_8));
    }
}
