package io.rafka.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.rafka.common.Checks;

/**
 * What to do on the wire, in request order, once a request is done. Built on the thread that
 * completed the request and handed to the connection's event loop, which alone touches the frame.
 */
sealed interface ResponseAction {

    /** Write this response frame: a {@link ByteBuf}, or a {@link FileRegion} for zero-copy record data. */
    record Write(Object frame) implements ResponseAction {
        public Write {
            Checks.check(frame instanceof ByteBuf || frame instanceof FileRegion,
                "a response frame is a ByteBuf or a FileRegion, not %s", frame);
        }
    }

    /** Write nothing (produce with acks=0). */
    record Skip() implements ResponseAction {}

    /** Close the connection after everything before it is written; log {@code reason} once. */
    record Close(String reason) implements ResponseAction {}
}
