package io.rafka.broker.network;

import io.netty.handler.codec.DecoderException;

/**
 * A frame size that cannot be served (negative, or over {@code socket.request.max.bytes}). The
 * byte stream has lost its framing, so the connection closes; no other connection is affected.
 *
 * <p>Immutable, thread-safe.
 */
final class InvalidFrameException extends DecoderException {
    private static final long serialVersionUID = 1L;

    InvalidFrameException(String message) {
        super(message);
    }
}
