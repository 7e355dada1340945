package io.rafka.broker.group;

import static io.rafka.common.Checks.check;

/**
 * The broker settings that shape the classic group protocol, with Kafka's defaults.
 *
 * @param minSessionTimeoutMs {@code group.min.session.timeout.ms}
 * @param maxSessionTimeoutMs {@code group.max.session.timeout.ms}
 * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}: how long the first
 *     rebalance of an empty group waits for more members, so a starting fleet rebalances once
 * @param maxGroupSize {@code group.max.size}
 * @param maxOffsetMetadataBytes {@code offset.metadata.max.bytes}
 */
public record GroupCoordinatorConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs,
                                     int initialRebalanceDelayMs, int maxGroupSize, int maxOffsetMetadataBytes) {

    public static final GroupCoordinatorConfig DEFAULTS =
            new GroupCoordinatorConfig(6_000, 1_800_000, 3_000, Integer.MAX_VALUE, 4096);

    public GroupCoordinatorConfig {
        check(minSessionTimeoutMs > 0 && minSessionTimeoutMs <= maxSessionTimeoutMs,
                "group session timeout bounds invalid: min %s max %s", minSessionTimeoutMs, maxSessionTimeoutMs);
        check(initialRebalanceDelayMs >= 0, "initial rebalance delay must be >= 0: %s", initialRebalanceDelayMs);
        check(maxGroupSize > 0, "group max size must be > 0: %s", maxGroupSize);
    }
}
