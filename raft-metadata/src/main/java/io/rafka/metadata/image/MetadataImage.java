package io.rafka.metadata.image;

import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.TopicPartition;
import io.rafka.metadata.record.ConfigRecord;
import io.rafka.metadata.record.FenceBrokerRecord;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.PartitionRecord;
import io.rafka.metadata.record.ProducerIdsRecord;
import io.rafka.metadata.record.RegisterBrokerRecord;
import io.rafka.metadata.record.TopicRecord;
import io.rafka.metadata.record.UnfenceBrokerRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything the metadata log says, as of log index {@code offset} (-1: nothing applied yet). The only way to
 * get a new image is {@link MetadataDelta#apply()}; two nodes that applied the same records hold equal images.
 *
 * <p>Invariant: {@code topicsById} and {@code topicsByName} hold the same topics.
 *
 * <p>Immutable, thread-safe: hand it to any reader.
 */
public record MetadataImage(long offset, Map<Integer, BrokerRegistration> brokers,
                            Map<String, TopicImage> topicsByName, Map<UUID, TopicImage> topicsById,
                            Map<ConfigResource, Map<String, String>> configs, long nextProducerId) {

    public static final MetadataImage EMPTY = new MetadataImage(-1, Map.of(), Map.of(), Map.of(), Map.of(), 0);

    public MetadataImage {
        brokers = Map.copyOf(brokers);
        topicsByName = Map.copyOf(topicsByName);
        topicsById = Map.copyOf(topicsById);
        configs = Map.copyOf(configs);
    }

    public Optional<TopicImage> topic(String name) {
        return Optional.ofNullable(topicsByName.get(name));
    }

    public Optional<TopicImage> topic(UUID topicId) {
        return Optional.ofNullable(topicsById.get(topicId));
    }

    public Optional<PartitionRegistration> partition(TopicPartition topicPartition) {
        TopicImage topic = topicsByName.get(topicPartition.topic());
        return topic == null ? Optional.empty() : Optional.ofNullable(topic.partition(topicPartition.partition()));
    }

    public BrokerRegistration broker(int brokerId) {
        return brokers.get(brokerId);
    }

    public boolean isUnfenced(int brokerId) {
        BrokerRegistration broker = brokers.get(brokerId);
        return broker != null && !broker.fenced();
    }

    public Map<String, String> configs(ConfigResource resource) {
        return configs.getOrDefault(resource, Map.of());
    }

    public int partitionCount() {
        return topicsByName.values().stream().mapToInt(t -> t.partitions().size()).sum();
    }

    /** Same image, another offset: what a snapshot load or a speculative view needs. */
    public MetadataImage withOffset(long newOffset) {
        return new MetadataImage(newOffset, brokers, topicsByName, topicsById, configs, nextProducerId);
    }

    /**
     * The records that rebuild this image from {@link #EMPTY}, in a deterministic order (sorted by id / name),
     * so that equal images give byte-identical snapshots.
     */
    public List<MetadataRecord> toRecords() {
        List<MetadataRecord> records = new ArrayList<>();
        new TreeMap<>(brokers).values().forEach(b -> {
            records.add(new RegisterBrokerRecord(b.id(), b.incarnationId(), b.epoch(), b.endpoints(), b.rack(),
                b.registeredAtOffset()));
            records.add(b.fenced() ? new FenceBrokerRecord(b.id(), b.epoch()) : new UnfenceBrokerRecord(b.id(), b.epoch()));
        });
        new TreeMap<>(topicsByName).values().forEach(topic -> {
            records.add(new TopicRecord(topic.name(), topic.id()));
            new TreeMap<>(topic.partitions()).forEach((id, p) -> records.add(new PartitionRecord(topic.id(), id,
                p.replicas(), p.isr(), p.leader(), p.leaderEpoch(), p.partitionEpoch(), p.addingReplicas(),
                p.removingReplicas(), p.lastUncleanElection())));
        });
        configs.keySet().stream()
            .sorted(Comparator.comparing(ConfigResource::type).thenComparing(ConfigResource::name))
            .forEach(resource -> new TreeMap<>(configs.get(resource)).forEach((name, value) ->
                records.add(new ConfigRecord(resource.type(), resource.name(), name, value))));
        if (nextProducerId > 0) {
            records.add(new ProducerIdsRecord(-1, -1, nextProducerId));
        }
        return records;
    }
}
