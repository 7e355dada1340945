package io.rafka.log;

import java.nio.file.Path;

/** Another process (or another {@link LogManager} in this one) already holds a log directory. */
public final class LogDirLockedException extends LogException {
    private static final long serialVersionUID = 1L;

    private final Path logDir;

    public LogDirLockedException(Path logDir) {
        super("log directory " + logDir + " is locked by another process (or another LogManager in this JVM): "
                + "a log directory can be used by one broker only");
        this.logDir = logDir;
    }

    public Path logDir() {
        return logDir;
    }
}
