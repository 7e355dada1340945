package io.rafka.metadata.controller;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.image.BrokerRegistration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * Round-robin placement, staggered so preferred leaders spread evenly: the {@code g}-th partition ever placed
 * (g counts partitions already in the cluster) takes {@code rf} consecutive brokers starting at broker
 * {@code g mod n}. Three brokers, two topics of two partitions, RF 3 gives
 * {@code A-0:[1,2,3] A-1:[2,3,1] B-0:[3,1,2] B-1:[1,2,3]} (DESIGN.md).
 *
 * <p>Rack awareness: when brokers declare racks the ring is ordered by alternating racks (first broker of each
 * rack, then the second of each, ...), so consecutive brokers — one partition's replicas — sit in different
 * racks as long as RF does not exceed the number of racks and racks are of similar size.
 *
 * <p>Stateless, thread-safe.
 */
public final class ReplicaPlacer {

    private ReplicaPlacer() {}

    /**
     * @param brokers unfenced brokers eligible for new replicas
     * @param firstPartitionIndex how many partitions the cluster already holds (the stagger start)
     * @throws PlacementException with INVALID_REPLICATION_FACTOR when RF exceeds the eligible brokers
     */
    public static List<List<Integer>> place(List<BrokerRegistration> brokers, int firstPartitionIndex,
                                            int numPartitions, int replicationFactor) {
        if (replicationFactor > brokers.size()) {
            throw new PlacementException(ApiError.of(MetadataError.INVALID_REPLICATION_FACTOR,
                "Unable to replicate the partition %d time(s): The target replication factor of %d cannot be "
                    + "reached because only %d broker(s) are registered.",
                replicationFactor, replicationFactor, brokers.size()));
        }
        List<Integer> ring = ring(brokers);
        List<List<Integer>> assignments = new ArrayList<>(numPartitions);
        for (int i = 0; i < numPartitions; i++) {
            int start = Math.floorMod(firstPartitionIndex + i, ring.size());
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            for (int r = 0; r < replicationFactor; r++) {
                replicas.add(ring.get((start + r) % ring.size()));
            }
            assignments.add(List.copyOf(replicas));
        }
        return assignments;
    }

    static List<Integer> ring(List<BrokerRegistration> brokers) {
        List<BrokerRegistration> sorted = new ArrayList<>(brokers);
        sorted.sort(Comparator.comparingInt(BrokerRegistration::id));
        boolean anyRack = sorted.stream().anyMatch(b -> b.rack() != null && !b.rack().isEmpty());
        if (!anyRack) {
            return sorted.stream().map(BrokerRegistration::id).toList();
        }
        TreeMap<String, Deque<Integer>> byRack = new TreeMap<>();
        for (BrokerRegistration broker : sorted) {
            String rack = broker.rack() == null ? "" : broker.rack();
            byRack.computeIfAbsent(rack, r -> new ArrayDeque<>()).add(broker.id());
        }
        List<Integer> ring = new ArrayList<>(sorted.size());
        while (ring.size() < sorted.size()) {
            for (Deque<Integer> rack : byRack.values()) {
                if (!rack.isEmpty()) {
                    ring.add(rack.poll());
                }
            }
        }
        return ring;
    }

    /** Placement is impossible; carries the error the client gets. */
    public static final class PlacementException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiError error;

        PlacementException(ApiError error) {
            super(error.toString());
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }
}
