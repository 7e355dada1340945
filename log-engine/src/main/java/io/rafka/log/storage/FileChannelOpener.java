package io.rafka.log.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the log opens its files. Production uses {@link #DEFAULT}; fault tests pass an opener whose
 * channels fail on demand (disk full, read-only file system) without touching the real disk.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FileChannelOpener {

    FileChannel open(Path path, OpenOption... options) throws IOException;

    FileChannelOpener DEFAULT = FileChannel::open;
}
