package io.rafka.broker.handler.admin;

import java.util.UUID;
import org.apache.kafka.common.Uuid;

/** Kafka's {@link Uuid} and Java's {@link UUID} carry the same 128 bits. Stateless, thread-safe. */
final class Uuids {

    private Uuids() {}

    static Uuid toKafka(UUID id) {
        return id == null ? Uuid.ZERO_UUID : new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static UUID toJava(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
