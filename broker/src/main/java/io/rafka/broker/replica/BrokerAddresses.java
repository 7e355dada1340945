package io.rafka.broker.replica;

import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.image.BrokerRegistration;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Where one broker reaches another: the registration's endpoint for the inter-broker listener. Stateless. */
public final class BrokerAddresses {
    private BrokerAddresses() {
    }

    /**
     * @param listenerName {@code inter.broker.listener.name}; empty, or not among the broker's endpoints, means
     *                     its first endpoint
     * @return empty when the broker registered no endpoint
     */
    public static Optional<InetSocketAddress> interBroker(BrokerRegistration broker, Optional<String> listenerName) {
        if (broker.endpoints().isEmpty()) {
            return Optional.empty();
        }
        Endpoint endpoint = listenerName
            .flatMap(name -> broker.endpoints().stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst())
            .orElse(broker.endpoints().get(0));
        return Optional.of(new InetSocketAddress(endpoint.host(), endpoint.port()));
    }
}
