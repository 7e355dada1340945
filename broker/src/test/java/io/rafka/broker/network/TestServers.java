package io.rafka.broker.network;

import io.rafka.common.Time;

/** Starts servers on an ephemeral loopback port for tests. */
final class TestServers {

    private TestServers() {}

    static KafkaServer start(ApiHandlerRegistry registry) {
        return start(NetworkSettings.loopbackEphemeral(), registry);
    }

    static KafkaServer start(NetworkSettings settings, ApiHandlerRegistry registry) {
        KafkaServer server = new KafkaServer(settings, registry, Time.SYSTEM);
        server.start();
        return server;
    }
}
