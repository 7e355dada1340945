package io.rafka.log;

import io.rafka.common.Time;
import io.rafka.log.storage.FileChannelOpener;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a log needs from outside itself: the clock, how to open files, where to run delayed file
 * deletions (null: delete at once), and whom to tell about start-offset moves and faults.
 * Immutable and thread-safe; one instance is shared by all logs of a {@link LogManager}.
 */
public record LogEnvironment(Time time, FileChannelOpener opener, ScheduledExecutorService scheduler,
                             LogListener listener) {

    /** A standalone log: no background deletion, no listener. */
    public static LogEnvironment standalone(Time time) {
        return new LogEnvironment(time, FileChannelOpener.DEFAULT, null, LogListener.NONE);
    }

    public LogEnvironment withListener(LogListener newListener) {
        return new LogEnvironment(time, opener, scheduler, newListener);
    }
}
