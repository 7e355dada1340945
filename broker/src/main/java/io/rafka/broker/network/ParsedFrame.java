package io.rafka.broker.network;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * What {@link RequestParser} made of one frame: a request to dispatch, or the reason the
 * connection must be closed. Immutable records (the request may hold slices of its frame buffer,
 * which nobody writes after decoding), safe to hand between threads.
 */
sealed interface ParsedFrame {

    /**
     * A request to dispatch. {@code responseVersion} differs from the header's version only for an
     * ApiVersions request of an unknown version, which Kafka answers in v0.
     */
    record Accepted(RequestHeader header, AbstractRequest request, short responseVersion) implements ParsedFrame {}

    /** The frame cannot be served; Kafka's answer is to close the connection. */
    record Rejected(String reason) implements ParsedFrame {}
}
