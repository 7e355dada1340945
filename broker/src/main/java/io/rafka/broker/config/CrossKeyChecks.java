package io.rafka.broker.config;

import static io.rafka.broker.config.RafkaConfigKeys.ADVERTISED_LISTENERS;
import static io.rafka.broker.config.RafkaConfigKeys.BROKER_HEARTBEAT_INTERVAL_MS;
import static io.rafka.broker.config.RafkaConfigKeys.CONTROLLER_QUORUM_VOTERS;
import static io.rafka.broker.config.RafkaConfigKeys.GROUP_MAX_SESSION_TIMEOUT_MS;
import static io.rafka.broker.config.RafkaConfigKeys.LISTENERS;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules that involve more than one key, checked once all keys parsed. Each failure names the key
 * the operator most likely has to change.
 *
 * <p>Stateless, thread-safe.
 */
final class CrossKeyChecks {

    private CrossKeyChecks() {}

    static void check(RafkaConfig config) {
        checkListeners(config);
        checkAdvertisedListeners(config);
        checkVoters(config);
        checkTimeouts(config);
    }

    private static void checkListeners(RafkaConfig config) {
        String given = config.originalOrDefault(LISTENERS);
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        Map<String, String> protocols = config.listenerSecurityProtocols();
        for (Endpoint endpoint : config.listeners()) {
            if (!names.add(endpoint.listenerName())) {
                throw new InvalidConfigException(LISTENERS, given,
                    "listener name " + endpoint.listenerName() + " is used twice");
            }
            if (endpoint.port() != 0 && !ports.add(endpoint.port())) {
                throw new InvalidConfigException(LISTENERS, given, "port " + endpoint.port() + " is used twice");
            }
            String protocol = protocols.getOrDefault(endpoint.listenerName(), endpoint.listenerName());
            if (!protocol.equals("PLAINTEXT")) {
                throw new InvalidConfigException(LISTENERS, given, "listener " + endpoint.listenerName()
                    + " uses security protocol " + protocol + "; Rafka serves PLAINTEXT only"
                    + " (map other names to PLAINTEXT in listener.security.protocol.map)");
            }
        }
        if (config.isBroker() && config.clientListeners().isEmpty()) {
            throw new InvalidConfigException(LISTENERS, given,
                "a broker needs at least one listener not named in controller.listener.names");
        }
    }

    private static void checkAdvertisedListeners(RafkaConfig config) {
        if (config.originals().get(ADVERTISED_LISTENERS) == null) {
            return;
        }
        String given = config.originalOrDefault(ADVERTISED_LISTENERS);
        Set<String> listenerNames = new HashSet<>();
        config.listeners().forEach(e -> listenerNames.add(e.listenerName()));
        for (Endpoint endpoint : config.advertisedListeners()) {
            if (!listenerNames.contains(endpoint.listenerName())) {
                throw new InvalidConfigException(ADVERTISED_LISTENERS, given,
                    "listener " + endpoint.listenerName() + " is not in listeners " + listenerNames);
            }
            if (endpoint.bindsAllInterfaces()) {
                throw new InvalidConfigException(ADVERTISED_LISTENERS, given,
                    "clients cannot connect to a wildcard or empty host; name a reachable host");
            }
        }
    }

    private static void checkVoters(RafkaConfig config) {
        List<QuorumVoter> voters = config.quorumVoters();
        if (voters.isEmpty()) {
            return;
        }
        String given = config.originalOrDefault(CONTROLLER_QUORUM_VOTERS);
        Set<Integer> ids = new HashSet<>();
        for (QuorumVoter voter : voters) {
            if (!ids.add(voter.nodeId())) {
                throw new InvalidConfigException(CONTROLLER_QUORUM_VOTERS, given,
                    "node id " + voter.nodeId() + " is listed twice");
            }
        }
        if (config.isController() && !ids.contains(config.nodeId())) {
            throw new InvalidConfigException(CONTROLLER_QUORUM_VOTERS, given,
                "this node (node.id=" + config.nodeId() + ") has the controller role and must be one of the voters");
        }
    }

    private static void checkTimeouts(RafkaConfig config) {
        if (config.brokerHeartbeatIntervalMs() >= config.brokerSessionTimeoutMs()) {
            throw new InvalidConfigException(BROKER_HEARTBEAT_INTERVAL_MS, config.brokerHeartbeatIntervalMs(),
                "must be less than broker.session.timeout.ms=" + config.brokerSessionTimeoutMs());
        }
        if (config.groupMaxSessionTimeoutMs() < config.groupMinSessionTimeoutMs()) {
            throw new InvalidConfigException(GROUP_MAX_SESSION_TIMEOUT_MS, config.groupMaxSessionTimeoutMs(),
                "must be at least group.min.session.timeout.ms=" + config.groupMinSessionTimeoutMs());
        }
    }
}
