package io.rafka.chaos.checker;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the checker found in one history: the anomalies, and the operation counts that say how much the
 * history covered (a run with no acknowledged send proves nothing).
 */
public record CheckResult(List<Anomaly> anomalies, Counts counts) {

    /** Operation counts, per outcome. */
    public record Counts(long ops, long sendsInvoked, long sendsOk, long sendsFailed, long sendsUnknown,
                         long polls, long finalReads) { }

    public boolean valid() {
        return anomalies.isEmpty();
    }

    public Map<Anomaly.Kind, Long> byKind() {
        Map<Anomaly.Kind, Long> counts = new EnumMap<>(Anomaly.Kind.class);
        for (Anomaly.Kind kind : Anomaly.Kind.values()) {
            counts.put(kind, 0L);
        }
        anomalies.forEach(a -> counts.merge(a.kind(), 1L, Long::sum));
        return counts;
    }

    public List<Anomaly> of(Anomaly.Kind kind) {
        return anomalies.stream().filter(a -> a.kind() == kind).toList();
    }

    public List<Anomaly> inTopic(String topic) {
        return anomalies.stream().filter(a -> topic.equals(a.topic())).toList();
    }

    public long count(Anomaly.Kind kind, String topic) {
        return anomalies.stream().filter(a -> a.kind() == kind && topic.equals(a.topic())).count();
    }
}
