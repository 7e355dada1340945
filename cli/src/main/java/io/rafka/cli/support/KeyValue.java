package io.rafka.cli.support;

import picocli.CommandLine;

/**
 * A {@code key=value} argument ({@code --config retention.ms=1000}, {@code --header trace=abc}).
 * The value may contain '=' and may be empty; the key may not be empty.
 *
 * <p>Thread-safety: immutable.
 */
public record KeyValue(String key, String value) {

    public static KeyValue parse(String argument) {
        int separator = argument.indexOf('=');
        if (separator <= 0) {
            throw new CommandLine.TypeConversionException(
                    "'" + argument + "' is not of the form key=value");
        }
        return new KeyValue(argument.substring(0, separator), argument.substring(separator + 1));
    }

    /** Lets picocli parse options of this type directly. */
    public static final class Converter implements CommandLine.ITypeConverter<KeyValue> {
        @Override
        public KeyValue convert(String value) {
            return parse(value);
        }
    }
}
