package io.rafka.metadata.record;

import java.util.UUID;

/**
 * A topic exists; its partitions follow as {@link PartitionRecord}s in the same batch.
 *
 * <p>Immutable, thread-safe.
 */
public record TopicRecord(String name, UUID topicId) implements MetadataRecord {
}
