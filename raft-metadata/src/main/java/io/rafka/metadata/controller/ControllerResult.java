package io.rafka.metadata.controller;

import io.rafka.metadata.record.MetadataRecord;
import java.util.List;

/**
 * What the controller decided: the records to write (possibly none) and the answer to send once they commit.
 *
 * <p>Immutable, thread-safe.
 */
public record ControllerResult<T>(List<MetadataRecord> records, T response) {
    public ControllerResult {
        records = List.copyOf(records);
    }

    public static <T> ControllerResult<T> of(List<MetadataRecord> records, T response) {
        return new ControllerResult<>(records, response);
    }

    public static <T> ControllerResult<T> noRecords(T response) {
        return new ControllerResult<>(List.of(), response);
    }
}
