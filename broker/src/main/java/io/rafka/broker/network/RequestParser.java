package io.rafka.broker.network;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Turns one frame (the bytes after the 4-byte size) into a request, following what Kafka's
 * SocketServer and RequestContext do:
 * <ul>
 *   <li>header that does not parse, or an API key kafka-clients does not know: close;
 *   <li>ApiVersions at a version we do not serve: an empty request answered in v0 (never parsed);
 *   <li>any other API we do not serve, or a version outside its advertised range: close;
 *   <li>body that does not parse: close.
 * </ul>
 * No I/O, no threads: a pure function of the frame and the registry.
 *
 * <p>Immutable, thread-safe.
 */
final class RequestParser {

    private final ApiHandlerRegistry registry;

    RequestParser(ApiHandlerRegistry registry) {
        this.registry = registry;
    }

    ParsedFrame parse(ByteBuffer frame) {
        RequestHeader header;
        try {
            header = RequestHeader.parse(frame);
        } catch (RuntimeException e) {
            return new ParsedFrame.Rejected("invalid request header: " + messageChain(e));
        }
        ApiKeys apiKey = header.apiKey();
        short version = header.apiVersion();
        if (apiKey == ApiKeys.API_VERSIONS && !registry.isEnabled(apiKey, version)) {
            return new ParsedFrame.Accepted(header,
                new ApiVersionsRequest(new ApiVersionsRequestData(), (short) 0, version), (short) 0);
        }
        if (!registry.isEnabled(apiKey, version)) {
            return new ParsedFrame.Rejected(registry.versions(apiKey)
                .map(range -> apiKey + " version " + version + " is outside the served range " + range)
                .orElse(apiKey + " (key " + apiKey.id + ") is not served by this node"));
        }
        try {
            AbstractRequest request = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(frame)).request;
            return new ParsedFrame.Accepted(header, request, version);
        } catch (RuntimeException e) {
            return new ParsedFrame.Rejected("cannot parse " + apiKey + " v" + version + " body: " + messageChain(e));
        }
    }

    /** Kafka wraps the useful message a level or two down; one log line should carry it. */
    private static String messageChain(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}
