package io.rafka.broker.network;

import io.rafka.common.Checks;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Writes a response as a frame: 4-byte size, response header (whose version follows from the
 * request's API and version), then the body at {@code responseVersion}.
 *
 * <p>The frame is a list of Netty messages ({@link FrameWriter}): one heap buffer for a response
 * without records; for a Fetch response, heap parts around each partition's records, which go as
 * a file region (sendfile) when they are {@link FileBackedRecords}. Every response takes the same
 * path, so the event loop's write code sees the same message types whatever the API.
 *
 * <p>Stateless, thread-safe.
 */
final class ResponseSerializer {

    private static final int SIZE_PREFIX_BYTES = 4;

    private ResponseSerializer() {}

    /** The frame's messages, in order: {@code ByteBuf}s and {@code FileRegion}s. */
    static List<Object> frame(RequestHeader requestHeader, short responseVersion, AbstractResponse response) {
        Checks.check(response.apiKey() == requestHeader.apiKey(),
            "handler answered %s request (correlation id %s) with a %s response",
            requestHeader.apiKey(), requestHeader.correlationId(), response.apiKey());
        short headerVersion = requestHeader.apiKey().responseHeaderVersion(responseVersion);
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(requestHeader.correlationId());
        ApiMessage body = response.data();
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        header.addSize(size, cache, headerVersion);
        body.addSize(size, cache, responseVersion);

        FrameWriter writer = new FrameWriter(SIZE_PREFIX_BYTES + size.sizeExcludingZeroCopy());
        writer.writeInt(size.totalSize());
        header.write(writer, cache, headerVersion);
        body.write(writer, cache, responseVersion);
        return writer.parts();
    }
}
