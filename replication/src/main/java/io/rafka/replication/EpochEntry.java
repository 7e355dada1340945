package io.rafka.replication;

import io.rafka.common.Checks;

/**
 * One line of a leader-epoch checkpoint: the first offset written under {@code epoch}.
 * Invariant: {@code epoch >= 0}, {@code startOffset >= 0}.
 *
 * <p>Immutable; thread-safe.
 */
public record EpochEntry(int epoch, long startOffset) {

    public EpochEntry {
        Checks.check(epoch >= 0, "epoch %s < 0", epoch);
        Checks.check(startOffset >= 0, "startOffset %s < 0 for epoch %s", startOffset, epoch);
    }
}
