package io.rafka.broker.network;

import java.net.InetAddress;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * Who sent a request and on which connection: what a handler may need beyond the request body.
 *
 * @param header         the parsed request header (API key, version, client id, correlation id)
 * @param connectionId   unique per connection for the life of the server ({@code local-remote-serial})
 * @param clientAddress  the peer's address
 * @param listenerName   the listener the connection arrived on, e.g. {@code PLAINTEXT}
 * @param principal      NB: always {@link KafkaPrincipal#ANONYMOUS} until authentication exists
 * @param receivedAtNs   monotonic time ({@code Time.nanoseconds()}) at which the whole frame had arrived
 *
 * <p>Immutable, thread-safe.
 */
public record RequestContext(
    RequestHeader header,
    String connectionId,
    InetAddress clientAddress,
    String listenerName,
    KafkaPrincipal principal,
    long receivedAtNs) {

    public ApiKeys apiKey() {
        return header.apiKey();
    }

    public short apiVersion() {
        return header.apiVersion();
    }

    public String clientId() {
        return header.clientId();
    }

    public int correlationId() {
        return header.correlationId();
    }
}
