package io.rafka.chaos.nemesis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The faults the nemesis can inject, grouped in the families that {@code -Dchaos.nemesis} names. */
public enum FaultKind {
    KILL_RANDOM("kill"),
    KILL_CONTROLLER("kill"),
    KILL_LEADER("kill"),
    PAUSE("pause"),
    ISOLATE_ONE("partition"),
    ISOLATE_CONTROLLER("partition"),
    PARTITION_HALVES("partition"),
    RESTART("restart");

    private final String family;

    FaultKind(String family) {
        this.family = family;
    }

    public String family() {
        return family;
    }

    /** The kinds of a comma-separated list of families ("kill,pause,partition") or kind names. */
    public static List<FaultKind> parse(String families) {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String token : families.split(",")) {
            String name = token.trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean matched = false;
            for (FaultKind kind : values()) {
                if (kind.family.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
                    kinds.add(kind);
                    matched = true;
                }
            }
            if (!matched) {
                throw new IllegalArgumentException("unknown nemesis '" + name + "'; families: kill, pause, "
                    + "partition, restart; kinds: " + List.of(values()));
            }
        }
        return new ArrayList<>(kinds);
    }
}
