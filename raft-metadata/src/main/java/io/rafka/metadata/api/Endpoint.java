package io.rafka.metadata.api;

/**
 * One listener a broker serves clients on, as it registered it ({@code PLAINTEXT://host:9092}).
 *
 * <p>Immutable, thread-safe.
 */
public record Endpoint(String name, String host, int port) {
}
