package io.rafka.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rafka.common.Checks;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;

/**
 * Writes a response as a frame: 4-byte size, response header (whose version follows from the
 * request's API and version), then the body at {@code responseVersion}.
 *
 * <p>NB: the body is serialized into one heap buffer. Fetch will want a zero-copy path
 * ({@code FileRegion}) for record data; that is a different write, not this one.
 *
 * <p>Stateless, thread-safe.
 */
final class ResponseSerializer {

    private static final int SIZE_PREFIX_BYTES = 4;

    private ResponseSerializer() {}

    static ByteBuf frame(RequestHeader requestHeader, short responseVersion, AbstractResponse response) {
        Checks.check(response.apiKey() == requestHeader.apiKey(),
            "handler answered %s request (correlation id %s) with a %s response",
            requestHeader.apiKey(), requestHeader.correlationId(), response.apiKey());
        short headerVersion = requestHeader.apiKey().responseHeaderVersion(responseVersion);
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(requestHeader.correlationId());
        ByteBuffer headerAndBody = RequestUtils.serialize(header, headerVersion, response.data(), responseVersion);
        ByteBuf sizePrefix = Unpooled.buffer(SIZE_PREFIX_BYTES).writeInt(headerAndBody.remaining());
        return Unpooled.wrappedBuffer(sizePrefix, Unpooled.wrappedBuffer(headerAndBody));
    }
}
