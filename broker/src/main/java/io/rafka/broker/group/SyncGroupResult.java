package io.rafka.broker.group;

import org.apache.kafka.common.protocol.Errors;

/** The coordinator's answer to a SyncGroup: the member's assignment for this generation. */
public record SyncGroupResult(Errors error, String protocolType, String protocolName, byte[] assignment) {

    static SyncGroupResult error(Errors error) {
        return new SyncGroupResult(error, null, null, new byte[0]);
    }
}
