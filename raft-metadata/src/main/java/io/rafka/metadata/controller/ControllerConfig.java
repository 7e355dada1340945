package io.rafka.metadata.controller;

import static io.rafka.common.Checks.check;

/**
 * The controller's settings (Kafka names in comments).
 *
 * @param sessionTimeoutMs broker.session.timeout.ms: fence a broker silent this long
 * @param connectionClosedGraceMs fence a broker whose heartbeat connection closed and no heartbeat came this long
 * @param uncleanLeaderElectionEnable unclean.leader.election.enable, the cluster default
 * @param autoLeaderRebalanceEnable auto.leader.rebalance.enable
 * @param leaderRebalanceIntervalMs leader.imbalance.check.interval.seconds, in ms
 * @param defaultNumPartitions num.partitions
 * @param defaultReplicationFactor default.replication.factor
 *
 * <p>Immutable, thread-safe.
 */
public record ControllerConfig(long sessionTimeoutMs, long connectionClosedGraceMs,
                               boolean uncleanLeaderElectionEnable, boolean autoLeaderRebalanceEnable,
                               long leaderRebalanceIntervalMs, int defaultNumPartitions, int defaultReplicationFactor) {

    public static final long DEFAULT_SESSION_TIMEOUT_MS = 9_000;
    /** Long enough for a broker to reconnect after a transient drop, short enough to meet the 3 s target. */
    public static final long DEFAULT_CONNECTION_CLOSED_GRACE_MS = 1_000;
    public static final long DEFAULT_LEADER_REBALANCE_INTERVAL_MS = 300_000;

    public static final ControllerConfig DEFAULTS = new ControllerConfig(DEFAULT_SESSION_TIMEOUT_MS,
        DEFAULT_CONNECTION_CLOSED_GRACE_MS, false, true, DEFAULT_LEADER_REBALANCE_INTERVAL_MS, 1, 1);

    public ControllerConfig {
        check(sessionTimeoutMs > 0, "sessionTimeoutMs must be positive: %s", sessionTimeoutMs);
        check(connectionClosedGraceMs >= 0, "connectionClosedGraceMs must be >= 0: %s", connectionClosedGraceMs);
        check(leaderRebalanceIntervalMs > 0, "leaderRebalanceIntervalMs must be positive: %s", leaderRebalanceIntervalMs);
        check(defaultNumPartitions > 0 && defaultReplicationFactor > 0, "defaults must be positive: %s / %s",
            defaultNumPartitions, defaultReplicationFactor);
    }

    public ControllerConfig withSessionTimeoutMs(long value) {
        return new ControllerConfig(value, connectionClosedGraceMs, uncleanLeaderElectionEnable,
            autoLeaderRebalanceEnable, leaderRebalanceIntervalMs, defaultNumPartitions, defaultReplicationFactor);
    }

    public ControllerConfig withUncleanLeaderElectionEnable(boolean value) {
        return new ControllerConfig(sessionTimeoutMs, connectionClosedGraceMs, value,
            autoLeaderRebalanceEnable, leaderRebalanceIntervalMs, defaultNumPartitions, defaultReplicationFactor);
    }

    public ControllerConfig withAutoLeaderRebalance(boolean enable, long intervalMs) {
        return new ControllerConfig(sessionTimeoutMs, connectionClosedGraceMs, uncleanLeaderElectionEnable,
            enable, intervalMs, defaultNumPartitions, defaultReplicationFactor);
    }
}
