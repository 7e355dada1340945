package io.rafka.broker.network;

import io.rafka.broker.config.Endpoint;
import io.rafka.broker.config.RafkaConfig;
import io.rafka.common.Checks;
import java.util.List;
import java.util.Map;

/**
 * What {@link KafkaServer} needs from the configuration, and nothing else, so that tests can start
 * a server without a full {@link RafkaConfig}.
 *
 * @param listeners                     endpoints to bind (controller listeners excluded)
 * @param requestMaxBytes               {@code socket.request.max.bytes}
 * @param networkThreads                {@code num.network.threads}: Netty worker event loops
 * @param ioThreads                     {@code num.io.threads}: request-handler pool size
 * @param maxInflightRequestsPerConnection {@code connection.max.inflight.requests}: reading stops past it
 * @param sendBufferBytes               {@code socket.send.buffer.bytes}, -1 for the OS default
 * @param receiveBufferBytes            {@code socket.receive.buffer.bytes}, -1 for the OS default
 * @param connectionMaxIdleMs           {@code connections.max.idle.ms}: idle connections are closed
 *
 * <p>Immutable, thread-safe.
 */
public record NetworkSettings(
    List<Endpoint> listeners,
    int requestMaxBytes,
    int networkThreads,
    int ioThreads,
    int maxInflightRequestsPerConnection,
    int sendBufferBytes,
    int receiveBufferBytes,
    long connectionMaxIdleMs) {

    public NetworkSettings {
        listeners = List.copyOf(listeners);
        Checks.check(!listeners.isEmpty(), "no listener to bind");
        Checks.check(requestMaxBytes > 0, "requestMaxBytes must be > 0: %s", requestMaxBytes);
        Checks.check(networkThreads > 0 && ioThreads > 0, "thread counts must be > 0: network %s, io %s",
            networkThreads, ioThreads);
        Checks.check(maxInflightRequestsPerConnection > 0, "maxInflightRequestsPerConnection must be > 0: %s",
            maxInflightRequestsPerConnection);
        Checks.check(connectionMaxIdleMs > 0, "connectionMaxIdleMs must be > 0: %s", connectionMaxIdleMs);
    }

    public static NetworkSettings from(RafkaConfig config) {
        return new NetworkSettings(config.clientListeners(), config.socketRequestMaxBytes(),
            config.numNetworkThreads(), config.numIoThreads(), config.connectionMaxInflightRequests(),
            config.socketSendBufferBytes(), config.socketReceiveBufferBytes(), config.connectionsMaxIdleMs());
    }

    /** One PLAINTEXT listener on an ephemeral loopback port, defaults otherwise; for tests and tools. */
    public static NetworkSettings loopbackEphemeral() {
        return from(RafkaConfig.fromMap(Map.of("listeners", "PLAINTEXT://127.0.0.1:0")));
    }

    public NetworkSettings withRequestMaxBytes(int bytes) {
        return new NetworkSettings(listeners, bytes, networkThreads, ioThreads, maxInflightRequestsPerConnection,
            sendBufferBytes, receiveBufferBytes, connectionMaxIdleMs);
    }

    public NetworkSettings withMaxInflightRequestsPerConnection(int requests) {
        return new NetworkSettings(listeners, requestMaxBytes, networkThreads, ioThreads, requests,
            sendBufferBytes, receiveBufferBytes, connectionMaxIdleMs);
    }

    public NetworkSettings withConnectionMaxIdleMs(long idleMs) {
        return new NetworkSettings(listeners, requestMaxBytes, networkThreads, ioThreads,
            maxInflightRequestsPerConnection, sendBufferBytes, receiveBufferBytes, idleMs);
    }

    public NetworkSettings withListeners(List<Endpoint> endpoints) {
        return new NetworkSettings(endpoints, requestMaxBytes, networkThreads, ioThreads,
            maxInflightRequestsPerConnection, sendBufferBytes, receiveBufferBytes, connectionMaxIdleMs);
    }
}
