package io.rafka.metadata.controller;

import io.rafka.metadata.api.BrokerHeartbeat.ReplicaReport;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the controller remembers about brokers but never writes to the log: when each was last heard from,
 * whether its heartbeat connection closed, whether it is shutting down, and what each of its replicas holds
 * (for unclean elections). Lost on controller change by design: a new controller gives every registered broker
 * a fresh session ({@link #startFreshSession}) and learns reports again from the next heartbeats.
 *
 * <p>Not thread-safe: owned by the controller's single thread.
 */
final class BrokerSessions {

    /** Replica identity within a broker's reports. */
    record ReplicaKey(UUID topicId, int partition) {
    }

    private static final class Session {
        long lastHeartbeatMs;
        long connectionClosedAtMs = -1;
        boolean shuttingDown;
        Map<ReplicaKey, ReplicaReport> reports = Map.of();
    }

    private final Map<Integer, Session> sessions = new HashMap<>();

    void startFreshSession(int brokerId, long nowMs) {
        Session session = new Session();
        session.lastHeartbeatMs = nowMs;
        sessions.put(brokerId, session);
    }

    void remove(int brokerId) {
        sessions.remove(brokerId);
    }

    void retainOnly(Set<Integer> brokerIds) {
        sessions.keySet().retainAll(brokerIds);
    }

    void recordHeartbeat(int brokerId, long nowMs, Iterable<ReplicaReport> reports) {
        Session session = sessions.computeIfAbsent(brokerId, id -> new Session());
        session.lastHeartbeatMs = nowMs;
        session.connectionClosedAtMs = -1;
        if (reports != null) {
            Map<ReplicaKey, ReplicaReport> byKey = new HashMap<>();
            reports.forEach(r -> byKey.put(new ReplicaKey(r.topicId(), r.partition()), r));
            session.reports = byKey;
        }
    }

    void recordConnectionClosed(int brokerId, long nowMs) {
        Session session = sessions.get(brokerId);
        if (session != null && session.connectionClosedAtMs < 0) {
            session.connectionClosedAtMs = nowMs;
        }
    }

    void setShuttingDown(int brokerId, boolean shuttingDown) {
        Session session = sessions.get(brokerId);
        if (session != null) {
            session.shuttingDown = shuttingDown;
        }
    }

    boolean isShuttingDown(int brokerId) {
        Session session = sessions.get(brokerId);
        return session != null && session.shuttingDown;
    }

    /** True when the session timed out, or the connection closed and stayed closed past the grace. */
    boolean hasExpired(int brokerId, long nowMs, ControllerConfig config) {
        Session session = sessions.get(brokerId);
        if (session == null) {
            return false;
        }
        if (nowMs - session.lastHeartbeatMs >= config.sessionTimeoutMs()) {
            return true;
        }
        return session.connectionClosedAtMs >= 0 && nowMs - session.connectionClosedAtMs >= config.connectionClosedGraceMs();
    }

    /** The broker's last report for a replica, or null when it never reported one to this controller. */
    ReplicaReport report(int brokerId, UUID topicId, int partition) {
        Session session = sessions.get(brokerId);
        return session == null ? null : session.reports.get(new ReplicaKey(topicId, partition));
    }
}
