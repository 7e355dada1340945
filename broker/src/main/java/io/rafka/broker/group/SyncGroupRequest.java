package io.rafka.broker.group;

import java.util.Map;

/**
 * A SyncGroup request. {@code assignments} (member id to assignment bytes) is empty unless the
 * sender is the leader. {@code protocolType} and {@code protocolName} are null before SyncGroup v5.
 */
public record SyncGroupRequest(
        String groupId,
        int generationId,
        String memberId,
        String groupInstanceId,
        String protocolType,
        String protocolName,
        Map<String, byte[]> assignments) {

    public SyncGroupRequest {
        assignments = Map.copyOf(assignments);
    }
}
