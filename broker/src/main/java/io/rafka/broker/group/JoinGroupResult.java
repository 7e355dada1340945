package io.rafka.broker.group;

import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * The coordinator's answer to a JoinGroup. Only the leader gets the member list.
 *
 * @param skipAssignment true when the leader must not compute a new assignment (a static leader
 *     that rejoined a stable group unchanged, KIP-814)
 */
public record JoinGroupResult(
        Errors error,
        int generationId,
        String protocolType,
        String protocolName,
        String leaderId,
        String memberId,
        List<Member> members,
        boolean skipAssignment) {

    /** One member as the leader sees it: id, static id and the metadata of the chosen protocol. */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {}

    static JoinGroupResult error(Errors error, String memberId) {
        return new JoinGroupResult(error, -1, null, null, "", memberId, List.of(), false);
    }
}
