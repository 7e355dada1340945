package io.rafka.metadata.image;

import static io.rafka.common.Checks.check;

import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.record.ConfigRecord;
import io.rafka.metadata.record.FenceBrokerRecord;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.PartitionChangeRecord;
import io.rafka.metadata.record.PartitionRecord;
import io.rafka.metadata.record.ProducerIdsRecord;
import io.rafka.metadata.record.RegisterBrokerRecord;
import io.rafka.metadata.record.RemoveTopicRecord;
import io.rafka.metadata.record.TopicRecord;
import io.rafka.metadata.record.UnfenceBrokerRecord;
import io.rafka.metadata.record.UnregisterBrokerRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The changes of a run of records on top of a base image: {@link #replay} each record, then {@link #apply()}
 * for the new image. The one place where metadata changes. A record that does not fit the image (a partition
 * of an unknown topic, a leader outside the ISR, a shrinking epoch) is a bug in whoever wrote it, and replay
 * throws {@link io.rafka.common.Checks.InvariantViolation} rather than let nodes diverge.
 *
 * <p>Listeners receive the delta to learn what changed without diffing images.
 *
 * <p>Not thread-safe: one thread replays, then publishes the delta, which is never modified afterwards.
 */
public final class MetadataDelta {

    private final MetadataImage base;
    private final long offset;
    private final List<MetadataRecord> records = new ArrayList<>();

    // Copied from the base on first write, so an untouched part of the image is shared, not copied.
    private Map<Integer, BrokerRegistration> brokers;
    private Map<String, TopicImage> topicsByName;
    private Map<UUID, TopicImage> topicsById;
    private final Map<UUID, Map<Integer, PartitionRegistration>> changedPartitions = new HashMap<>();
    private Map<ConfigResource, Map<String, String>> configs;
    private long nextProducerId;

    private final Set<Integer> changedBrokers = new LinkedHashSet<>();
    private final Set<String> changedTopics = new LinkedHashSet<>();
    private final Set<String> deletedTopics = new LinkedHashSet<>();
    private final Set<ConfigResource> changedConfigs = new LinkedHashSet<>();

    /** @param offset the log index of the entry these records come from; the new image's offset */
    public MetadataDelta(MetadataImage base, long offset) {
        check(offset >= base.offset(), "offset %s goes back from image offset %s", offset, base.offset());
        this.base = base;
        this.offset = offset;
        this.nextProducerId = base.nextProducerId();
    }

    public MetadataImage base() {
        return base;
    }

    public long offset() {
        return offset;
    }

    public List<MetadataRecord> records() {
        return Collections.unmodifiableList(records);
    }

    public Set<Integer> changedBrokers() {
        return Collections.unmodifiableSet(changedBrokers);
    }

    /** Topics created or changed (by name); deleted topics are in {@link #deletedTopics()} only. */
    public Set<String> changedTopics() {
        return Collections.unmodifiableSet(changedTopics);
    }

    public Set<String> deletedTopics() {
        return Collections.unmodifiableSet(deletedTopics);
    }

    public Set<ConfigResource> changedConfigs() {
        return Collections.unmodifiableSet(changedConfigs);
    }

    public void replayAll(List<MetadataRecord> batch) {
        batch.forEach(this::replay);
    }

    public void replay(MetadataRecord record) {
        records.add(record);
        // Java 17: no pattern switch; the sealed interface keeps this list complete.
        if (record instanceof RegisterBrokerRecord r) {
            replayRegisterBroker(r);
        } else if (record instanceof FenceBrokerRecord r) {
            replayFencing(r.brokerId(), r.brokerEpoch(), true);
        } else if (record instanceof UnfenceBrokerRecord r) {
            replayFencing(r.brokerId(), r.brokerEpoch(), false);
        } else if (record instanceof UnregisterBrokerRecord r) {
            replayUnregisterBroker(r);
        } else if (record instanceof TopicRecord r) {
            replayTopic(r);
        } else if (record instanceof RemoveTopicRecord r) {
            replayRemoveTopic(r);
        } else if (record instanceof PartitionRecord r) {
            replayPartition(r);
        } else if (record instanceof PartitionChangeRecord r) {
            replayPartitionChange(r);
        } else if (record instanceof ConfigRecord r) {
            replayConfig(r);
        } else if (record instanceof ProducerIdsRecord r) {
            replayProducerIds(r);
        } else {
            throw new IllegalStateException("unknown record type " + record.getClass());
        }
    }

    private void replayRegisterBroker(RegisterBrokerRecord record) {
        BrokerRegistration previous = brokers().get(record.brokerId());
        check(previous == null || previous.epoch() < record.brokerEpoch(),
            "broker %s re-registers with epoch %s, not above its epoch %s", record.brokerId(), record.brokerEpoch(),
            previous == null ? null : previous.epoch());
        long registeredAtOffset = record.registeredAtOffset() != null ? record.registeredAtOffset() : offset;
        brokers().put(record.brokerId(), new BrokerRegistration(record.brokerId(), record.incarnationId(),
            record.brokerEpoch(), record.endpoints(), record.rack(), true, registeredAtOffset));
        changedBrokers.add(record.brokerId());
    }

    private void replayFencing(int brokerId, long brokerEpoch, boolean fenced) {
        BrokerRegistration broker = brokers().get(brokerId);
        check(broker != null && broker.epoch() == brokerEpoch, "fencing=%s of broker %s epoch %s, registered: %s",
            fenced, brokerId, brokerEpoch, broker);
        brokers().put(brokerId, broker.withFenced(fenced));
        changedBrokers.add(brokerId);
    }

    private void replayUnregisterBroker(UnregisterBrokerRecord record) {
        BrokerRegistration broker = brokers().remove(record.brokerId());
        check(broker != null && broker.epoch() == record.brokerEpoch(), "unregister of broker %s epoch %s, registered: %s",
            record.brokerId(), record.brokerEpoch(), broker);
        changedBrokers.add(record.brokerId());
    }

    private void replayTopic(TopicRecord record) {
        check(!topicsByName().containsKey(record.name()) && !topicsById().containsKey(record.topicId()),
            "topic %s (%s) already exists", record.name(), record.topicId());
        TopicImage topic = new TopicImage(record.name(), record.topicId(), Map.of());
        topicsByName().put(record.name(), topic);
        topicsById().put(record.topicId(), topic);
        changedPartitions.put(record.topicId(), new HashMap<>());
        changedTopics.add(record.name());
        deletedTopics.remove(record.name());
    }

    private void replayRemoveTopic(RemoveTopicRecord record) {
        TopicImage topic = topicsById().remove(record.topicId());
        check(topic != null, "removing unknown topic %s", record.topicId());
        topicsByName().remove(topic.name());
        changedPartitions.remove(record.topicId());
        configs().remove(ConfigResource.topic(topic.name()));
        changedTopics.remove(topic.name());
        deletedTopics.add(topic.name());
    }

    private void replayPartition(PartitionRecord r) {
        Map<Integer, PartitionRegistration> partitions = partitionsForWrite(r.topicId());
        check(!partitions.containsKey(r.partitionId()), "partition %s-%s already exists", r.topicId(), r.partitionId());
        PartitionRegistration partition = new PartitionRegistration(r.replicas(), r.isr(), r.leader(), r.leaderEpoch(),
            r.partitionEpoch(), r.addingReplicas(), r.removingReplicas(), r.lastUncleanElection());
        checkPartition(r.topicId(), r.partitionId(), partition);
        partitions.put(r.partitionId(), partition);
    }

    private void replayPartitionChange(PartitionChangeRecord r) {
        Map<Integer, PartitionRegistration> partitions = partitionsForWrite(r.topicId());
        PartitionRegistration old = partitions.get(r.partitionId());
        check(old != null, "change of unknown partition %s-%s", r.topicId(), r.partitionId());
        PartitionRegistration updated = new PartitionRegistration(
            r.replicas() != null ? r.replicas() : old.replicas(),
            r.isr() != null ? r.isr() : old.isr(),
            r.leader() != null ? r.leader() : old.leader(),
            r.leader() != null ? old.leaderEpoch() + 1 : old.leaderEpoch(),
            old.partitionEpoch() + 1,
            r.addingReplicas() != null ? r.addingReplicas() : old.addingReplicas(),
            r.removingReplicas() != null ? r.removingReplicas() : old.removingReplicas(),
            r.uncleanElection() != null ? r.uncleanElection() : old.lastUncleanElection());
        checkPartition(r.topicId(), r.partitionId(), updated);
        partitions.put(r.partitionId(), updated);
    }

    private static void checkPartition(UUID topicId, int partitionId, PartitionRegistration p) {
        check(!p.replicas().isEmpty() && new HashSet<>(p.replicas()).size() == p.replicas().size(),
            "partition %s-%s: replicas %s empty or with duplicates", topicId, partitionId, p.replicas());
        check(!p.isr().isEmpty() && new HashSet<>(p.isr()).size() == p.isr().size()
                && p.replicas().containsAll(p.isr()),
            "partition %s-%s: isr %s not a non-empty subset of replicas %s", topicId, partitionId, p.isr(), p.replicas());
        check(p.leader() == PartitionRegistration.NO_LEADER || p.isr().contains(p.leader()),
            "partition %s-%s: leader %s not in isr %s", topicId, partitionId, p.leader(), p.isr());
        check(p.replicas().containsAll(p.addingReplicas()) && p.replicas().containsAll(p.removingReplicas()),
            "partition %s-%s: adding %s / removing %s not within replicas %s", topicId, partitionId,
            p.addingReplicas(), p.removingReplicas(), p.replicas());
    }

    private void replayConfig(ConfigRecord record) {
        ConfigResource resource = new ConfigResource(record.resourceType(), record.resourceName());
        if (resource.type() == ConfigResource.Type.TOPIC) {
            check(topicsByName().containsKey(resource.name()), "config for unknown topic %s", resource.name());
        }
        Map<String, String> values = new HashMap<>(configs().getOrDefault(resource, Map.of()));
        if (record.value() == null) {
            values.remove(record.name());
        } else {
            values.put(record.name(), record.value());
        }
        if (values.isEmpty()) {
            configs().remove(resource);
        } else {
            configs().put(resource, Map.copyOf(values));
        }
        changedConfigs.add(resource);
    }

    private void replayProducerIds(ProducerIdsRecord record) {
        check(record.nextProducerId() > nextProducerId, "producer id block goes back: %s after %s",
            record.nextProducerId(), nextProducerId);
        nextProducerId = record.nextProducerId();
    }

    /** The new image. The delta may keep replaying afterwards; a later apply includes everything. */
    public MetadataImage apply() {
        Map<String, TopicImage> byName = topicsByName == null ? base.topicsByName() : new HashMap<>(topicsByName);
        Map<UUID, TopicImage> byId = topicsById == null ? base.topicsById() : new HashMap<>(topicsById);
        if (!changedPartitions.isEmpty()) {
            byName = new HashMap<>(byName);
            byId = new HashMap<>(byId);
            for (Map.Entry<UUID, Map<Integer, PartitionRegistration>> entry : changedPartitions.entrySet()) {
                TopicImage old = byId.get(entry.getKey());
                TopicImage updated = new TopicImage(old.name(), old.id(), entry.getValue());
                byName.put(updated.name(), updated);
                byId.put(updated.id(), updated);
            }
        }
        return new MetadataImage(offset, brokers == null ? base.brokers() : brokers, byName, byId,
            configs == null ? base.configs() : configs, nextProducerId);
    }

    private Map<Integer, PartitionRegistration> partitionsForWrite(UUID topicId) {
        TopicImage topic = topicsById().get(topicId);
        check(topic != null, "partition record for unknown topic %s", topicId);
        changedTopics.add(topic.name());
        return changedPartitions.computeIfAbsent(topicId, id -> new HashMap<>(topic.partitions()));
    }

    private Map<Integer, BrokerRegistration> brokers() {
        if (brokers == null) {
            brokers = new HashMap<>(base.brokers());
        }
        return brokers;
    }

    private Map<String, TopicImage> topicsByName() {
        if (topicsByName == null) {
            topicsByName = new HashMap<>(base.topicsByName());
        }
        return topicsByName;
    }

    private Map<UUID, TopicImage> topicsById() {
        if (topicsById == null) {
            topicsById = new HashMap<>(base.topicsById());
        }
        return topicsById;
    }

    private Map<ConfigResource, Map<String, String>> configs() {
        if (configs == null) {
            configs = new HashMap<>(base.configs());
        }
        return configs;
    }
}
