package io.rafka.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rafka.common.Checks;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.SendBuilder;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Writes a response as a frame: 4-byte size, response header (whose version follows from the
 * request's API and version), then the body at {@code responseVersion}.
 *
 * <p>Fetch responses take the zero-copy path: kafka-clients' {@link SendBuilder} lays the frame out
 * with record fields left as {@code Send}s (file slices), and {@link SendRegion} hands it to Netty as
 * a {@code FileRegion}. Every other response is serialized into one heap buffer.
 *
 * <p>Stateless, thread-safe.
 */
final class ResponseSerializer {

    private static final int SIZE_PREFIX_BYTES = 4;

    private ResponseSerializer() {}

    /** The frame to write: a {@link ByteBuf}, or a {@link SendRegion} for a Fetch response. */
    static Object frame(RequestHeader requestHeader, short responseVersion, AbstractResponse response) {
        Checks.check(response.apiKey() == requestHeader.apiKey(),
            "handler answered %s request (correlation id %s) with a %s response",
            requestHeader.apiKey(), requestHeader.correlationId(), response.apiKey());
        short headerVersion = requestHeader.apiKey().responseHeaderVersion(responseVersion);
        if (response.apiKey() == ApiKeys.FETCH) {
            return new SendRegion(SendBuilder.buildResponseSend(
                new ResponseHeader(requestHeader.correlationId(), headerVersion), response.data(), responseVersion));
        }
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(requestHeader.correlationId());
        ByteBuffer headerAndBody = RequestUtils.serialize(header, headerVersion, response.data(), responseVersion);
        ByteBuf sizePrefix = Unpooled.buffer(SIZE_PREFIX_BYTES).writeInt(headerAndBody.remaining());
        return Unpooled.wrappedBuffer(sizePrefix, Unpooled.wrappedBuffer(headerAndBody));
    }
}
