package io.rafka.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that exists but cannot be parsed; callers fall back to a safe default (scan more). */
public final class CorruptCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptCheckpointException(Path file, String problem) {
        super("checkpoint " + file + " is corrupt: " + problem);
    }
}
