package io.rafka.broker.network;

import io.netty.buffer.ByteBuf;

/**
 * What to do on the wire, in request order, once a request is done. Built on the thread that
 * completed the request and handed to the connection's event loop, which alone touches the frame.
 */
sealed interface ResponseAction {

    /** Write this response frame. */
    record Write(ByteBuf frame) implements ResponseAction {}

    /** Write nothing (produce with acks=0). */
    record Skip() implements ResponseAction {}

    /** Close the connection after everything before it is written; log {@code reason} once. */
    record Close(String reason) implements ResponseAction {}
}
