package io.rafka.broker.group;

import java.util.Arrays;
import java.util.List;

/**
 * A JoinGroup request as the coordinator core needs it, independent of the wire version.
 *
 * @param memberId empty for a member that has none yet
 * @param groupInstanceId null unless the member uses static membership
 * @param requireKnownMemberId true from JoinGroup v4: a new member first gets MEMBER_ID_REQUIRED
 */
public record JoinGroupRequest(
        String groupId,
        String memberId,
        String groupInstanceId,
        String clientId,
        String clientHost,
        int sessionTimeoutMs,
        int rebalanceTimeoutMs,
        String protocolType,
        List<Protocol> protocols,
        boolean requireKnownMemberId) {

    public JoinGroupRequest {
        protocols = List.copyOf(protocols);
    }

    /** One assignor the member supports, with its subscription bytes. */
    public record Protocol(String name, byte[] metadata) {
        boolean sameAs(Protocol other) {
            return name.equals(other.name) && Arrays.equals(metadata, other.metadata);
        }
    }
}
