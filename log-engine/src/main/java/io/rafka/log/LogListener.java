package io.rafka.log;

import java.io.IOException;

/**
 * Callbacks from a {@link PartitionLog} to its owner (the {@link LogManager}). Called on the
 * thread that caused the event, possibly under the log's lock: implementations must be quick and
 * must not call back into the same log's mutators.
 */
public interface LogListener {

    /** The log start offset moved (DeleteRecords, retention, truncation); the owner checkpoints it. */
    default void onLogStartOffsetChanged(PartitionLog log) {}

    /** The log hit an I/O error and is now offline. */
    default void onOffline(PartitionLog log, IOException cause) {}

    LogListener NONE = new LogListener() {};
}
