package io.rafka.log;

import java.nio.file.Path;

/**
 * The log hit an I/O error (disk full, read-only file system, failed fsync) and went offline;
 * every later call fails with this error (Kafka KAFKA_STORAGE_ERROR). Other logs are unaffected.
 * Data acknowledged before the fault is still on disk and is recovered on the next start.
 */
public final class LogOfflineException extends LogException {
    private static final long serialVersionUID = 1L;

    private final Path dir;

    public LogOfflineException(Path dir, Throwable cause) {
        super("log " + dir + " is offline after an I/O error: " + cause, cause);
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }
}
