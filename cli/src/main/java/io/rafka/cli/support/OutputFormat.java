package io.rafka.cli.support;

/** How a command prints its result: aligned columns for people, JSON for scripts. */
public enum OutputFormat {
    TABLE,
    JSON;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
