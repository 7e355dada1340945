package io.rafka.metadata.controller;

import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.AlterReassignments;
import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.ElectLeaders;
import io.rafka.metadata.api.ElectLeaders.ElectionType;
import io.rafka.metadata.api.ListReassignments;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.api.TopicPartition;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.PartitionChangeRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Leadership and ISR of existing partitions: ISR changes proposed by leaders, elections (on broker loss,
 * on broker return, on demand, automatic preferred rebalancing) and reassignments.
 *
 * <p>Reassignment steps: (1) {@code replicas = target + (current - target)}, {@code adding = target - current},
 * {@code removing = current - target}; (2) leaders add the new replicas to the ISR as they catch up; (3) when
 * every adding replica is in the ISR: {@code replicas = target}, removed replicas leave the ISR, and leadership
 * moves if the leader was being removed. Cancel reverts to the original replicas.
 *
 * <p>Not thread-safe: the controller's single thread.
 */
final class PartitionControl {

    private final ControllerView view;

    PartitionControl(ControllerView view) {
        this.view = view;
    }

    /** Changes (not replayed) that take a broker out of leadership and ISRs, electing new leaders where needed. */
    List<MetadataRecord> changesForLostBroker(int brokerId, long nowMs) {
        List<MetadataRecord> records = new ArrayList<>();
        forEachPartition((topic, partitionId, partition) -> {
            if (partition.leader() == brokerId || partition.isr().contains(brokerId)) {
                view.changeBuilder(topic, partitionId, nowMs, id -> id != brokerId && view.isAlive(id))
                    .removeFromIsr(brokerId).build().ifPresent(records::add);
            }
        });
        return records;
    }

    /** Changes (not replayed) electing leaders for offline partitions that now have an eligible replica. */
    List<MetadataRecord> electOfflinePartitions(long nowMs) {
        List<MetadataRecord> records = new ArrayList<>();
        forEachPartition((topic, partitionId, partition) -> {
            if (!partition.hasLeader()) {
                view.changeBuilder(topic, partitionId, nowMs).build().ifPresent(records::add);
            }
        });
        return records;
    }

    /** Changes (replayed) moving leadership back to preferred replicas, at most once per rebalance interval. */
    List<MetadataRecord> maybeRebalanceLeaders(long nowMs) {
        if (!view.config.autoLeaderRebalanceEnable() || nowMs < view.nextRebalanceMs) {
            return List.of();
        }
        view.nextRebalanceMs = nowMs + view.config.leaderRebalanceIntervalMs();
        List<MetadataRecord> records = new ArrayList<>();
        forEachPartition((topic, partitionId, partition) -> {
            if (partition.leader() != partition.preferredLeader()) {
                view.changeBuilder(topic, partitionId, nowMs).electPreferred().build().ifPresent(records::add);
            }
        });
        view.replay(records);
        return records;
    }

    ControllerResult<AlterPartition.Response> handleAlterPartition(AlterPartition.Request request, long nowMs,
                                                                  ApiError brokerEpochError) {
        if (!brokerEpochError.isSuccess()) {
            return ControllerResult.noRecords(new AlterPartition.Response(brokerEpochError, List.of()));
        }
        List<MetadataRecord> records = new ArrayList<>();
        List<AlterPartition.Result> results = new ArrayList<>();
        for (AlterPartition.Item item : request.items()) {
            TopicImage topic = view.image.topicsById().get(item.topicId());
            PartitionRegistration partition = topic == null ? null : topic.partition(item.partition());
            ApiError error = validateAlterPartition(request.brokerId(), item, topic, partition);
            if (error.isSuccess()) {
                Optional<PartitionChangeRecord> change = isrChange(topic, item, partition, nowMs);
                change.ifPresent(records::add);
                change.ifPresent(r -> view.replay(List.of(r)));
                partition = view.image.topicsById().get(item.topicId()).partition(item.partition());
            }
            results.add(partition == null
                ? new AlterPartition.Result(item.topicId(), item.partition(), error, -1, -1, -1, List.of())
                : new AlterPartition.Result(item.topicId(), item.partition(), error, partition.leader(),
                    partition.leaderEpoch(), partition.partitionEpoch(), partition.isr()));
        }
        return ControllerResult.of(records, new AlterPartition.Response(ApiError.NONE, results));
    }

    private ApiError validateAlterPartition(int brokerId, AlterPartition.Item item, TopicImage topic,
                                            PartitionRegistration partition) {
        if (topic == null) {
            return ApiError.of(MetadataError.UNKNOWN_TOPIC_ID);
        }
        if (partition == null) {
            return ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION);
        }
        if (item.leaderEpoch() != partition.leaderEpoch()) {
            return ApiError.of(MetadataError.FENCED_LEADER_EPOCH, "leader epoch %d, current %d",
                item.leaderEpoch(), partition.leaderEpoch());
        }
        if (partition.leader() != brokerId) {
            return ApiError.of(MetadataError.NOT_LEADER_OR_FOLLOWER, "broker %d is not the leader (%d)",
                brokerId, partition.leader());
        }
        if (item.partitionEpoch() != partition.partitionEpoch()) {
            return ApiError.of(MetadataError.INVALID_UPDATE_VERSION, "partition epoch %d, current %d",
                item.partitionEpoch(), partition.partitionEpoch());
        }
        List<Integer> newIsr = item.newIsr();
        if (newIsr.isEmpty() || !newIsr.contains(brokerId) || !partition.replicas().containsAll(newIsr)
            || new HashSet<>(newIsr).size() != newIsr.size()) {
            return ApiError.of(MetadataError.INVALID_REQUEST, "ISR %s must contain the leader %d and only replicas %s",
                newIsr, brokerId, partition.replicas());
        }
        for (int replica : newIsr) {
            if (!partition.isr().contains(replica) && !view.isAlive(replica)) {
                return ApiError.of(MetadataError.INELIGIBLE_REPLICA, "replica %d is fenced or shutting down", replica);
            }
        }
        return ApiError.NONE;
    }

    private Optional<PartitionChangeRecord> isrChange(TopicImage topic, AlterPartition.Item item,
                                                      PartitionRegistration partition, long nowMs) {
        PartitionChangeBuilder builder = view.changeBuilder(topic, item.partition(), nowMs).setTargetIsr(item.newIsr());
        if (partition.isReassigning() && item.newIsr().containsAll(partition.addingReplicas())) {
            completeReassignment(builder, partition, item.newIsr());
        }
        return builder.build();
    }

    private static void completeReassignment(PartitionChangeBuilder builder, PartitionRegistration partition,
                                             List<Integer> isr) {
        List<Integer> target = partition.targetReplicas();
        builder.setTargetAssignment(target, List.of(), List.of())
            .setTargetIsr(isr.stream().filter(target::contains).toList());
    }

    ControllerResult<ElectLeaders.Response> handleElectLeaders(ElectLeaders.Request request, long nowMs) {
        List<TopicPartition> requested = request.partitions();
        boolean all = requested == null;
        if (all) {
            requested = new ArrayList<>();
            for (TopicImage topic : sortedTopics()) {
                for (int id : new TreeMap<>(topic.partitions()).keySet()) {
                    requested.add(new TopicPartition(topic.name(), id));
                }
            }
        }
        List<MetadataRecord> records = new ArrayList<>();
        List<ElectLeaders.Result> results = new ArrayList<>();
        for (TopicPartition tp : requested) {
            ApiError error = electLeader(request.type(), tp, nowMs, records);
            if (!all || error.error() != MetadataError.ELECTION_NOT_NEEDED) {
                results.add(new ElectLeaders.Result(tp, error));
            }
        }
        return ControllerResult.of(records, new ElectLeaders.Response(results));
    }

    private ApiError electLeader(ElectionType type, TopicPartition tp, long nowMs, List<MetadataRecord> records) {
        TopicImage topic = view.image.topicsByName().get(tp.topic());
        PartitionRegistration partition = topic == null ? null : topic.partition(tp.partition());
        if (partition == null) {
            return ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION);
        }
        PartitionChangeBuilder builder;
        if (type == ElectionType.PREFERRED) {
            if (partition.leader() == partition.preferredLeader()) {
                return ApiError.of(MetadataError.ELECTION_NOT_NEEDED);
            }
            builder = view.changeBuilder(topic, tp.partition(), nowMs).electPreferred();
        } else {
            if (partition.hasLeader()) {
                return ApiError.of(MetadataError.ELECTION_NOT_NEEDED);
            }
            builder = view.changeBuilder(topic, tp.partition(), nowMs, view::isAlive, true);
        }
        Optional<PartitionChangeRecord> change = builder.build();
        change.ifPresent(r -> view.replay(List.of(r)));
        change.ifPresent(records::add);
        PartitionRegistration after = view.image.partition(tp).orElseThrow();
        boolean elected = type == ElectionType.PREFERRED ? after.leader() == after.preferredLeader() : after.hasLeader();
        if (elected) {
            return ApiError.NONE;
        }
        return type == ElectionType.PREFERRED
            ? ApiError.of(MetadataError.PREFERRED_LEADER_NOT_AVAILABLE,
                "Failed to elect leader for partition %s under strategy PreferredElectionStrategy", tp)
            : ApiError.of(MetadataError.ELIGIBLE_LEADERS_NOT_AVAILABLE,
                "Failed to elect leader for partition %s under strategy UncleanElectionStrategy", tp);
    }

    ControllerResult<AlterReassignments.Response> handleAlterReassignments(AlterReassignments.Request request,
                                                                          long nowMs) {
        List<MetadataRecord> records = new ArrayList<>();
        List<AlterReassignments.Result> results = new ArrayList<>();
        for (AlterReassignments.Item item : request.items()) {
            ApiError error = item.targetReplicas() == null
                ? cancelReassignment(item.partition(), nowMs, records)
                : startReassignment(item.partition(), item.targetReplicas(), nowMs, records);
            results.add(new AlterReassignments.Result(item.partition(), error));
        }
        return ControllerResult.of(records, new AlterReassignments.Response(results));
    }

    private ApiError startReassignment(TopicPartition tp, List<Integer> target, long nowMs,
                                       List<MetadataRecord> records) {
        TopicImage topic = view.image.topicsByName().get(tp.topic());
        PartitionRegistration partition = topic == null ? null : topic.partition(tp.partition());
        if (partition == null) {
            return ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION);
        }
        if (target.isEmpty() || new HashSet<>(target).size() != target.size()) {
            return ApiError.of(MetadataError.INVALID_REPLICA_ASSIGNMENT, "Empty or duplicate replicas in %s", target);
        }
        for (int replica : target) {
            if (view.image.broker(replica) == null) {
                return ApiError.of(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                    "The manual partition assignment includes broker %d which is not registered", replica);
            }
        }
        List<Integer> original = partition.replicas().stream().filter(r -> !partition.addingReplicas().contains(r)).toList();
        List<Integer> adding = target.stream().filter(r -> !original.contains(r)).toList();
        List<Integer> removing = original.stream().filter(r -> !target.contains(r)).toList();
        List<Integer> replicas = new ArrayList<>(target);
        replicas.addAll(removing);
        PartitionChangeBuilder builder = view.changeBuilder(topic, tp.partition(), nowMs);
        List<Integer> kept = adding.isEmpty() ? target : replicas;
        if (partition.isr().stream().noneMatch(kept::contains)) {
            return ApiError.of(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                "No in-sync replica of %s is among the replicas %s", tp, kept);
        }
        if (adding.isEmpty()) {
            builder.setTargetAssignment(target, List.of(), List.of())
                .setTargetIsr(partition.isr().stream().filter(target::contains).toList());
        } else {
            builder.setTargetAssignment(replicas, adding, removing)
                .setTargetIsr(partition.isr().stream().filter(replicas::contains).toList());
        }
        apply(builder, records);
        return ApiError.NONE;
    }

    private ApiError cancelReassignment(TopicPartition tp, long nowMs, List<MetadataRecord> records) {
        TopicImage topic = view.image.topicsByName().get(tp.topic());
        PartitionRegistration partition = topic == null ? null : topic.partition(tp.partition());
        if (partition == null) {
            return ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION);
        }
        if (!partition.isReassigning()) {
            return ApiError.of(MetadataError.NO_REASSIGNMENT_IN_PROGRESS);
        }
        List<Integer> original = partition.replicas().stream().filter(r -> !partition.addingReplicas().contains(r)).toList();
        List<Integer> isr = partition.isr().stream().filter(original::contains).toList();
        if (isr.isEmpty()) {
            return ApiError.of(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                "No in-sync replica of %s is among the original replicas %s", tp, original);
        }
        apply(view.changeBuilder(topic, tp.partition(), nowMs).setTargetAssignment(original, List.of(), List.of())
            .setTargetIsr(isr), records);
        return ApiError.NONE;
    }

    private void apply(PartitionChangeBuilder builder, List<MetadataRecord> records) {
        builder.build().ifPresent(r -> {
            view.replay(List.of(r));
            records.add(r);
        });
    }

    ControllerResult<ListReassignments.Response> handleListReassignments(ListReassignments.Request request) {
        List<ListReassignments.Ongoing> ongoing = new ArrayList<>();
        forEachPartition((topic, partitionId, partition) -> {
            TopicPartition tp = new TopicPartition(topic.name(), partitionId);
            if (partition.isReassigning() && (request.partitions() == null || request.partitions().contains(tp))) {
                ongoing.add(new ListReassignments.Ongoing(tp, partition.replicas(), partition.addingReplicas(),
                    partition.removingReplicas()));
            }
        });
        return ControllerResult.noRecords(new ListReassignments.Response(ongoing));
    }

    @FunctionalInterface
    interface PartitionVisitor {
        void visit(TopicImage topic, int partitionId, PartitionRegistration partition);
    }

    /** Visits partitions in a deterministic order (topic name, partition id) so decisions replay identically. */
    void forEachPartition(PartitionVisitor visitor) {
        for (TopicImage topic : sortedTopics()) {
            for (Map.Entry<Integer, PartitionRegistration> entry : new TreeMap<>(topic.partitions()).entrySet()) {
                visitor.visit(topic, entry.getKey(), entry.getValue());
            }
        }
    }

    private List<TopicImage> sortedTopics() {
        return view.image.topicsByName().values().stream().sorted(Comparator.comparing(TopicImage::name)).toList();
    }
}
