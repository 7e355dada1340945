package io.rafka.chaos.checker;

import io.rafka.chaos.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a history of sends and reads against the rules a Kafka-like log must keep (Jepsen's Kafka
 * checker without transactions). Pure: a list of operations in, anomalies out; no clock, no I/O.
 *
 * <p>Loss is judged on the final reads (processes whose name starts with {@link #FINAL_READER}), which
 * read every partition from the beginning after the cluster healed; a value that a reader saw during the
 * run but that is gone at the end is lost all the same. Histories without final reads are judged on all
 * reads.
 *
 * <p>Assumes what the workload guarantees: every value is sent at most once (unique values), and a
 * reader that seeks backwards starts a new process name.
 */
public final class HistoryChecker {

    public static final String FINAL_READER = "final-reader";

    private record TopicPartition(String topic, int partition) {
        @Override
        public String toString() {
            return topic + "-" + partition;
        }
    }

    private record Position(TopicPartition partition, long offset) { }

    private HistoryChecker() { }

    public static CheckResult check(List<Op> history) {
        Set<String> invoked = new HashSet<>();
        Map<String, Op> acknowledged = new HashMap<>();
        List<Op> reads = new ArrayList<>();
        long failed = 0;
        long unknown = 0;
        for (Op op : history) {
            if (op.isSend()) {
                switch (op.type()) {
                    case invoke -> invoked.add(op.value());
                    case ok -> acknowledged.put(op.value(), op);
                    case fail -> failed++;
                    case info -> unknown++;
                    default -> throw new IllegalStateException("unknown type " + op);
                }
            } else if (op.isPoll()) {
                reads.add(op);
            }
        }
        List<Op> finalReads = reads.stream().filter(op -> op.process().startsWith(FINAL_READER)).toList();
        List<Op> lossReads = finalReads.isEmpty() ? reads : finalReads;

        List<Anomaly> anomalies = new ArrayList<>();
        Map<Position, Set<String>> valuesAt = new TreeMapByPosition().map;
        Map<String, Set<Position>> positionsOf = new HashMap<>();
        for (Op ack : acknowledged.values()) {
            record(valuesAt, positionsOf, position(ack), ack.value());
        }
        for (Op read : reads) {
            record(valuesAt, positionsOf, position(read), read.value());
        }
        findInconsistentOffsets(valuesAt, anomalies);
        findDuplicates(positionsOf, anomalies);
        findLoss(acknowledged, lossReads, anomalies);
        findNeverSent(reads, invoked, anomalies);
        findNonMonotonicAndSkips(reads, offsetsRead(reads), anomalies);

        CheckResult.Counts counts = new CheckResult.Counts(history.size(), invoked.size(), acknowledged.size(),
            failed, unknown, reads.size(), finalReads.size());
        return new CheckResult(List.copyOf(anomalies), counts);
    }

    /** Keeps the map ordered by partition then offset so that reports read in log order. */
    private static final class TreeMapByPosition {
        final Map<Position, Set<String>> map = new TreeMap<>((a, b) -> {
            int byTopic = a.partition().topic().compareTo(b.partition().topic());
            if (byTopic != 0) {
                return byTopic;
            }
            int byPartition = Integer.compare(a.partition().partition(), b.partition().partition());
            return byPartition != 0 ? byPartition : Long.compare(a.offset(), b.offset());
        });
    }

    private static Position position(Op op) {
        return new Position(new TopicPartition(op.topic(), op.partition()), op.offset());
    }

    private static void record(Map<Position, Set<String>> valuesAt, Map<String, Set<Position>> positionsOf,
                               Position position, String value) {
        valuesAt.computeIfAbsent(position, p -> new TreeSet<>()).add(value);
        positionsOf.computeIfAbsent(value, v -> new HashSet<>()).add(position);
    }

    private static void findInconsistentOffsets(Map<Position, Set<String>> valuesAt, List<Anomaly> anomalies) {
        valuesAt.forEach((position, values) -> {
            if (values.size() > 1) {
                anomalies.add(new Anomaly(Anomaly.Kind.INCONSISTENT_OFFSET, position.partition().topic(),
                    position.partition().partition(), position.offset(), "values " + values));
            }
        });
    }

    private static void findDuplicates(Map<String, Set<Position>> positionsOf, List<Anomaly> anomalies) {
        positionsOf.forEach((value, positions) -> {
            if (positions.size() > 1) {
                Position first = positions.iterator().next();
                anomalies.add(new Anomaly(Anomaly.Kind.DUPLICATE, first.partition().topic(),
                    first.partition().partition(), -1, "value " + value + " at " + positions.stream()
                        .map(p -> p.partition() + "@" + p.offset()).sorted().toList()));
            }
        });
    }

    private static void findLoss(Map<String, Op> acknowledged, List<Op> lossReads, List<Anomaly> anomalies) {
        Set<String> readValues = new HashSet<>();
        Map<TopicPartition, Long> maxReadOffset = new HashMap<>();
        for (Op read : lossReads) {
            readValues.add(read.value());
            maxReadOffset.merge(new TopicPartition(read.topic(), read.partition()), read.offset(), Math::max);
        }
        acknowledged.values().stream()
            .filter(ack -> !readValues.contains(ack.value()))
            .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
            .forEach(ack -> {
                long readUpTo = maxReadOffset.getOrDefault(new TopicPartition(ack.topic(), ack.partition()), -1L);
                Anomaly.Kind kind = readUpTo > ack.offset() ? Anomaly.Kind.LOST_WRITE : Anomaly.Kind.UNSEEN;
                anomalies.add(new Anomaly(kind, ack.topic(), ack.partition(), ack.offset(),
                    "value " + ack.value() + " acknowledged at " + ack.timeMs() + " ms by " + ack.process()
                        + "; final reads reached offset " + readUpTo));
            });
    }

    private static void findNeverSent(List<Op> reads, Set<String> invoked, List<Anomaly> anomalies) {
        for (Op read : reads) {
            if (!invoked.contains(read.value())) {
                anomalies.add(new Anomaly(Anomaly.Kind.NEVER_SENT, read.topic(), read.partition(), read.offset(),
                    "value " + read.value() + " read by " + read.process()));
            }
        }
    }

    /**
     * Offsets known to exist for the skip rule: those someone read. Acknowledged offsets nobody read are
     * left out: skipping those is already a lost write or unseen, not also a skip.
     */
    private static Map<TopicPartition, NavigableSet<Long>> offsetsRead(List<Op> reads) {
        Map<TopicPartition, NavigableSet<Long>> offsets = new HashMap<>();
        reads.forEach(r -> offsets.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new TreeSet<>())
            .add(r.offset()));
        return offsets;
    }

    private static void findNonMonotonicAndSkips(List<Op> reads, Map<TopicPartition, NavigableSet<Long>> known,
                                                 List<Anomaly> anomalies) {
        Map<String, Map<TopicPartition, Long>> lastRead = new HashMap<>();
        for (Op read : reads) {
            TopicPartition partition = new TopicPartition(read.topic(), read.partition());
            Long previous = lastRead.computeIfAbsent(read.process(), p -> new HashMap<>()).put(partition, read.offset());
            if (previous == null) {
                continue;
            }
            if (read.offset() <= previous) {
                anomalies.add(new Anomaly(Anomaly.Kind.NON_MONOTONIC, read.topic(), read.partition(), read.offset(),
                    read.process() + " read offset " + read.offset() + " after " + previous));
            } else if (read.offset() > previous + 1) {
                NavigableSet<Long> between = Objects.requireNonNull(known.get(partition))
                    .subSet(previous, false, read.offset(), false);
                if (!between.isEmpty()) {
                    anomalies.add(new Anomaly(Anomaly.Kind.POLL_SKIP, read.topic(), read.partition(), read.offset(),
                        read.process() + " jumped from " + previous + " to " + read.offset() + " over "
                            + between.size() + " existing offset(s) from " + between.first()));
                }
            }
        }
    }
}
