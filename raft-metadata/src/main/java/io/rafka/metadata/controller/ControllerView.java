package io.rafka.metadata.controller;

import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.record.MetadataRecord;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * The state every control class reads: the controller's view ({@link #image}: the committed image plus the
 * records this controller wrote and has not seen commit yet — so two conflicting requests are decided one after
 * the other and the second sees the first), the last committed image (for log offsets), broker sessions,
 * settings and randomness.
 *
 * <p>Not thread-safe: owned by the controller's single thread.
 */
final class ControllerView {

    final ControllerConfig config;
    final BrokerSessions sessions = new BrokerSessions();
    final Random random;
    MetadataImage image;
    MetadataImage committed;
    long nextRebalanceMs;

    ControllerView(MetadataImage committed, ControllerConfig config, Random random) {
        this.config = config;
        this.random = random;
        this.image = committed;
        this.committed = committed;
    }

    void replay(List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        MetadataDelta delta = new MetadataDelta(image, image.offset());
        delta.replayAll(records);
        image = delta.apply();
    }

    /** Eligible to lead or join an ISR: registered, unfenced, not in controlled shutdown. */
    boolean isAlive(int brokerId) {
        return image.isUnfenced(brokerId) && !sessions.isShuttingDown(brokerId);
    }

    List<BrokerRegistration> aliveBrokers() {
        return image.brokers().values().stream().filter(b -> isAlive(b.id())).toList();
    }

    boolean uncleanEnabled(String topicName) {
        String topicValue = image.configs(ConfigResource.topic(topicName)).get(ConfigValidator.UNCLEAN_LEADER_ELECTION_ENABLE);
        if (topicValue != null) {
            return Boolean.parseBoolean(topicValue.trim());
        }
        String clusterValue = image.configs(ConfigResource.CLUSTER_DEFAULT).get(ConfigValidator.UNCLEAN_LEADER_ELECTION_ENABLE);
        return clusterValue != null ? Boolean.parseBoolean(clusterValue.trim()) : config.uncleanLeaderElectionEnable();
    }

    PartitionChangeBuilder changeBuilder(TopicImage topic, int partitionId, long nowMs, IntPredicate alive,
                                         boolean unclean) {
        PartitionRegistration partition = topic.partition(partitionId);
        return new PartitionChangeBuilder(topic.id(), partitionId, partition, alive, unclean,
            brokerId -> sessions.report(brokerId, topic.id(), partitionId), nowMs);
    }

    PartitionChangeBuilder changeBuilder(TopicImage topic, int partitionId, long nowMs, IntPredicate alive) {
        return changeBuilder(topic, partitionId, nowMs, alive, uncleanEnabled(topic.name()));
    }

    PartitionChangeBuilder changeBuilder(TopicImage topic, int partitionId, long nowMs) {
        return changeBuilder(topic, partitionId, nowMs, this::isAlive);
    }

    UUID newTopicId() {
        UUID id;
        do {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            id = new UUID(most, least);
        } while (image.topicsById().containsKey(id));
        return id;
    }
}
