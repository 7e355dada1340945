package io.rafka.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.rafka.common.Checks;
import java.util.List;

/**
 * What to do on the wire, in request order, once a request is done. Built on the thread that
 * completed the request and handed to the connection's event loop, which alone touches the frame.
 */
sealed interface ResponseAction {

    /** Write this response frame: its {@link ByteBuf}s and {@link FileRegion}s (record data), in order. */
    record Write(List<Object> parts) implements ResponseAction {
        public Write {
            Checks.check(!parts.isEmpty(), "a response frame has at least its size prefix");
            for (Object part : parts) {
                Checks.check(part instanceof ByteBuf || part instanceof FileRegion,
                    "a response frame part is a ByteBuf or a FileRegion, not %s", part);
            }
        }
    }

    /** Write nothing (produce with acks=0). */
    record Skip() implements ResponseAction {}

    /** Close the connection after everything before it is written; log {@code reason} once. */
    record Close(String reason) implements ResponseAction {}
}
