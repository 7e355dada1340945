package io.rafka.broker.group;

import java.util.List;
import java.util.function.Consumer;

/**
 * One member of a consumer group as the coordinator sees it.
 *
 * <p>Not thread-safe: owned by the {@link GroupCoordinator}'s thread.
 *
 * <p>Invariant: at most one of {@code awaitingJoin} / {@code awaitingSync} is set at a time.
 */
final class GroupMember {

    final String memberId;
    /** Static membership (KIP-345): the id a restarted consumer keeps; null for dynamic members. */
    final String groupInstanceId;
    final String clientId;
    final String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    String protocolType;
    /** The member's supported assignors, most preferred first, each with its subscription metadata. */
    List<JoinGroupRequest.Protocol> protocols;
    byte[] assignment = new byte[0];
    long lastHeartbeatMs;

    /** Set while the member's JoinGroup waits for the rebalance to complete. */
    Consumer<JoinGroupResult> awaitingJoin;
    /** Set while the member's SyncGroup waits for the leader's assignment. */
    Consumer<SyncGroupResult> awaitingSync;
    /** Between the end of the join phase and this member's SyncGroup. */
    boolean syncPending;
    /** A member that joined in this rebalance and has never been given an assignment. */
    boolean isNew;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost,
                int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                List<JoinGroupRequest.Protocol> protocols, long nowMs) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocolType = protocolType;
        this.protocols = List.copyOf(protocols);
        this.lastHeartbeatMs = nowMs;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    byte[] metadataFor(String protocolName) {
        for (JoinGroupRequest.Protocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata();
            }
        }
        throw new IllegalStateException("member " + memberId + " does not support protocol " + protocolName);
    }

    boolean supports(String protocolName) {
        return protocols.stream().anyMatch(p -> p.name().equals(protocolName));
    }

    boolean sameProtocols(List<JoinGroupRequest.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).sameAs(protocols.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A member waiting on a join or sync is kept alive: its request is its heartbeat. The
     * rebalance timeout, not the session timeout, bounds how long it may wait.
     */
    boolean hasExpired(long nowMs) {
        if (awaitingJoin != null || awaitingSync != null) {
            return false;
        }
        return nowMs - lastHeartbeatMs >= sessionTimeoutMs;
    }
}
