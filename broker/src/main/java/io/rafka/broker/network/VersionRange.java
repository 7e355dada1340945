package io.rafka.broker.network;

import io.rafka.common.Checks;

/**
 * An inclusive range of API versions. Invariant: {@code 0 <= min <= max}.
 *
 * <p>Immutable, thread-safe.
 */
public record VersionRange(short min, short max) {

    public VersionRange {
        Checks.check(min >= 0 && min <= max, "invalid version range [%s, %s]", min, max);
    }

    public boolean contains(short version) {
        return version >= min && version <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
