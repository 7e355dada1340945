package io.rafka.metadata.record;

import io.rafka.metadata.api.ConfigResource;

/**
 * A config key set on a topic or broker; a null value deletes it.
 *
 * <p>Immutable, thread-safe.
 */
public record ConfigRecord(ConfigResource.Type resourceType, String resourceName, String name, String value)
    implements MetadataRecord {
}
