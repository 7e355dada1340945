package io.rafka.cli.partitions;

import java.util.Locale;

/**
 * Human-readable sizes and durations for progress lines.
 *
 * <p>Thread-safety: stateless.
 */
final class Units {
    private static final String[] BYTE_UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Units() {}

    /** Decimal units (1 MB = 1,000,000 bytes), one decimal: "120.0 MB". */
    static String bytes(long sizeBytes) {
        double value = sizeBytes;
        int unit = 0;
        while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? sizeBytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    /** "45s", "3m07s", "2h05m". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
