package io.rafka.broker.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic-protocol consumer group, with their legal transitions.
 *
 * <pre>
 * Empty               -> PreparingRebalance (a member joins), Dead (group deleted / all offsets expired)
 * PreparingRebalance  -> CompletingRebalance (every member rejoined or the rebalance timed out),
 *                        Empty (the rebalance ended with no members), Dead
 * CompletingRebalance -> Stable (the leader's SyncGroup assignment is persisted),
 *                        PreparingRebalance (a member joined, left or expired before that), Dead
 * Stable              -> PreparingRebalance (membership or subscription changed), Dead
 * Dead                -> (none: a dead group is removed; a new one may take its name)
 * </pre>
 */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    /** The name Kafka's DescribeGroups and ListGroups report, which tools parse. */
    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }

    Set<GroupState> legalPreviousStates() {
        return switch (this) {
            case EMPTY -> EnumSet.of(PREPARING_REBALANCE);
            case PREPARING_REBALANCE -> EnumSet.of(EMPTY, COMPLETING_REBALANCE, STABLE);
            case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE);
            case STABLE -> EnumSet.of(COMPLETING_REBALANCE);
            case DEAD -> EnumSet.of(EMPTY, PREPARING_REBALANCE, COMPLETING_REBALANCE, STABLE, DEAD);
        };
    }

    /** Parses Kafka's state name (as given in a ListGroups filter); case-insensitive, null when unknown. */
    public static GroupState fromKafkaName(String name) {
        for (GroupState state : values()) {
            if (state.kafkaName.equalsIgnoreCase(name)) {
                return state;
            }
        }
        return null;
    }
}
