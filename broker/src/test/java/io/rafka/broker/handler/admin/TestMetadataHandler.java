package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.quorum.MetadataQuorum;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataResponse;

/**
 * A test fixture, not Rafka's Metadata implementation: answers Metadata from the quorum's image (unfenced brokers,
 * topics with leaders, replicas and ISR) so that an unmodified Admin client can find brokers and describe topics.
 * No auto-creation.
 */
public final class TestMetadataHandler implements ApiHandler {

    private final MetadataQuorum quorum;

    public TestMetadataHandler(MetadataQuorum quorum) {
        this.quorum = quorum;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public short maxVersion() {
        return 12;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        MetadataRequestData asked = (MetadataRequestData) request.data();
        MetadataImage image = quorum.currentImage();
        MetadataResponseData data = new MetadataResponseData().setClusterId(quorum.clusterId())
                .setControllerId(quorum.leaderId());
        for (BrokerRegistration broker : new TreeMap<>(image.brokers()).values()) {
            if (broker.fenced()) {
                continue;
            }
            for (Endpoint endpoint : broker.endpoints()) {
                if (endpoint.name().equals(context.listenerName())) {
                    data.brokers().add(new MetadataResponseBroker().setNodeId(broker.id()).setHost(endpoint.host())
                            .setPort(endpoint.port()).setRack(broker.rack()));
                }
            }
        }
        List<TopicImage> topics = new ArrayList<>();
        if (asked.topics() == null) {
            topics.addAll(new TreeMap<>(image.topicsByName()).values());
        } else {
            for (MetadataRequestTopic topic : asked.topics()) {
                TopicImage found = topic.name() != null ? image.topicsByName().get(topic.name())
                        : image.topicsById().get(new UUID(topic.topicId().getMostSignificantBits(),
                                topic.topicId().getLeastSignificantBits()));
                if (found == null) {
                    data.topics().add(new MetadataResponseTopic().setName(topic.name())
                            .setTopicId(topic.topicId() == null ? Uuid.ZERO_UUID : topic.topicId())
                            .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
                } else {
                    topics.add(found);
                }
            }
        }
        for (TopicImage topic : topics) {
            MetadataResponseTopic wire = new MetadataResponseTopic().setName(topic.name())
                    .setTopicId(new Uuid(topic.id().getMostSignificantBits(), topic.id().getLeastSignificantBits()))
                    .setIsInternal(topic.name().equals("__consumer_offsets")).setErrorCode(Errors.NONE.code());
            new TreeMap<>(topic.partitions()).forEach((index, partition) -> wire.partitions().add(toWire(index, partition)));
            data.topics().add(wire);
        }
        return CompletableFuture.completedFuture(new MetadataResponse(data, request.version()));
    }

    private static MetadataResponsePartition toWire(int index, PartitionRegistration partition) {
        return new MetadataResponsePartition().setPartitionIndex(index).setLeaderId(partition.leader())
                .setLeaderEpoch(partition.leaderEpoch()).setReplicaNodes(new ArrayList<>(partition.replicas()))
                .setIsrNodes(new ArrayList<>(partition.isr()))
                .setErrorCode(partition.hasLeader() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code());
    }
}
