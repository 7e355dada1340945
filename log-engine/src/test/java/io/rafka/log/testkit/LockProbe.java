package io.rafka.log.testkit;

import io.rafka.common.Time;
import io.rafka.log.LogConfig;
import io.rafka.log.LogDirLockedException;
import io.rafka.log.LogManager;
import java.nio.file.Path;
import java.util.List;

/**
 * Run as a separate JVM by a test: tries to open a log dir another process holds. Prints the
 * error and exits with 3 if the directory is locked, 0 if it could open it.
 */
public final class LockProbe {

    private LockProbe() {}

    public static void main(String[] args) throws Exception {
        try {
            LogManager.open(List.of(Path.of(args[0])), LogConfig.defaults(), Time.SYSTEM, LogManager.Settings.manual())
                    .shutdown();
            System.exit(0);
        } catch (LogDirLockedException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
