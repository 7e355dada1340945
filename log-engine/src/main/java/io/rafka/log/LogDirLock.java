package io.rafka.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code .lock} file of a log directory, held with an OS file lock for as long as the
 * directory is in use, so a second broker process on the same directory fails at start.
 *
 * <p>Thread-safety: not needed; acquired and released by the owning {@link LogManager}.
 */
final class LogDirLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock fileLock;

    private LogDirLock(FileChannel channel, FileLock fileLock) {
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** @throws LogDirLockedException if another process (or LogManager in this JVM) holds the directory */
    static LogDirLock acquire(Path logDir) throws IOException {
        FileChannel channel = FileChannel.open(logDir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock fileLock;
        try {
            fileLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            fileLock = null;
        }
        if (fileLock == null) {
            channel.close();
            throw new LogDirLockedException(logDir);
        }
        return new LogDirLock(channel, fileLock);
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
        } finally {
            channel.close();
        }
    }
}
