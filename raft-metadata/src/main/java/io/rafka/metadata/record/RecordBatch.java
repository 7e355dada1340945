package io.rafka.metadata.record;

import java.util.List;

/**
 * The records of one Ratis log entry, applied atomically. {@code controllerTerm} is the Raft term of the
 * controller that wrote them: the state machine refuses a batch from a controller of an older term, so a
 * deposed controller can never append decisions made on a stale view.
 *
 * <p>Immutable, thread-safe.
 */
public record RecordBatch(int formatVersion, long controllerTerm, List<MetadataRecord> records) {

    public static final int CURRENT_FORMAT_VERSION = 1;

    public RecordBatch {
        records = List.copyOf(records);
    }

    public static RecordBatch of(long controllerTerm, List<MetadataRecord> records) {
        return new RecordBatch(CURRENT_FORMAT_VERSION, controllerTerm, records);
    }
}
