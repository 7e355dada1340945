package io.rafka.broker.network;

import io.rafka.broker.config.Endpoint;

/**
 * A listener could not be bound (port in use, unknown host, no permission): an operating error
 * that stops start-up, naming the listener.
 *
 * <p>Immutable, thread-safe.
 */
public final class ListenerBindException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListenerBindException(Endpoint endpoint, Throwable cause) {
        super("Cannot bind listener " + endpoint + ": " + cause, cause);
    }
}
