package io.rafka.cli.support;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses {@code --timeout}-style values: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a
 * bare number of seconds. A bad value is a usage error (exit code 2).
 *
 * <p>Thread-safety: stateless.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (examples: 500ms, 30s, 2m, 1h)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalStateException("unit matched by the pattern: " + unit);
        };
        if (duration.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
        }
        return duration;
    }
}
