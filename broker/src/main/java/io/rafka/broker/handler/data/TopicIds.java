package io.rafka.broker.handler.data;

import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.TopicImage;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/** Between the metadata image's {@link UUID} topic ids and the wire's {@link Uuid}. Stateless, thread-safe. */
final class TopicIds {

    private TopicIds() {}

    static Uuid toWire(UUID id) {
        return id == null ? Uuid.ZERO_UUID : new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static UUID fromWire(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** The topic a request names, by id when the version carries ids (non-zero), else by name. */
    static Optional<TopicImage> resolve(MetadataImage image, String name, Uuid topicId) {
        if (topicId != null && !Uuid.ZERO_UUID.equals(topicId)) {
            return image.topic(fromWire(topicId));
        }
        return name == null ? Optional.empty() : image.topic(name);
    }
}
