package io.rafka.metadata.record;

import java.util.UUID;

/**
 * The topic and all its partitions are gone.
 *
 * <p>Immutable, thread-safe.
 */
public record RemoveTopicRecord(UUID topicId) implements MetadataRecord {
}
