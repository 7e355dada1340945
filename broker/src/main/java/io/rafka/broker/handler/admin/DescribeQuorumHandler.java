package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.quorum.QuorumInfo;
import io.rafka.metadata.quorum.QuorumPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.Listener;
import org.apache.kafka.common.message.DescribeQuorumResponseData.Node;
import org.apache.kafka.common.message.DescribeQuorumResponseData.PartitionData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.ReplicaState;
import org.apache.kafka.common.message.DescribeQuorumResponseData.TopicData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeQuorumRequest;
import org.apache.kafka.common.requests.DescribeQuorumResponse;

/**
 * DescribeQuorum, so {@code kafka-metadata-quorum describe --status/--replication} and
 * {@code Admin.describeMetadataQuorum()} work. Kafka's metadata log is the partition
 * {@code __cluster_metadata-0}; ours is the Ratis log, reported in the same shape: the Raft leader and term
 * (leader epoch), the commit index (high watermark) and per-replica log ends and contact times.
 *
 * <p>NB: per-replica figures are known only on the Ratis leader (Kafka forwards this request to the active
 * controller; ControllerClient has no way to). On another node the other voters are listed with unknown
 * (-1) figures.
 *
 * <p>Thread-safe: no state of its own.
 */
final class DescribeQuorumHandler implements ApiHandler {

    static final String METADATA_TOPIC = "__cluster_metadata";

    private final AdminContext context;

    DescribeQuorumHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_QUORUM;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        DescribeQuorumRequestData asked = ((DescribeQuorumRequest) request).data();
        boolean metadataPartition = asked.topics().size() == 1
                && asked.topics().get(0).topicName().equals(METADATA_TOPIC)
                && asked.topics().get(0).partitions().size() == 1
                && asked.topics().get(0).partitions().get(0).partitionIndex() == 0;
        if (!metadataPartition) {
            return CompletableFuture.completedFuture(new DescribeQuorumResponse(new DescribeQuorumResponseData()
                    .setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage("DescribeQuorum must name exactly " + METADATA_TOPIC + "-0")));
        }
        QuorumInfo info = context.quorum().describeQuorum();
        long nowMs = context.time().milliseconds();
        PartitionData partition = new PartitionData().setPartitionIndex(0).setErrorCode(Errors.NONE.code())
                .setLeaderId(info.leaderId()).setLeaderEpoch((int) info.leaderEpoch())
                .setHighWatermark(info.highWatermark())
                .setCurrentVoters(replicaStates(withAllVoters(info.voters()), nowMs))
                .setObservers(replicaStates(info.observers(), nowMs));
        DescribeQuorumResponseData data = new DescribeQuorumResponseData().setErrorCode(Errors.NONE.code());
        data.topics().add(new TopicData().setTopicName(METADATA_TOPIC).setPartitions(List.of(partition)));
        String listenerName = context.config().controllerListenerNames().stream().findFirst().orElse("CONTROLLER");
        for (QuorumPeer voter : context.quorum().voters()) {
            Node node = new Node().setNodeId(voter.nodeId());
            node.listeners().add(new Listener().setName(listenerName).setHost(voter.host()).setPort(voter.port()));
            data.nodes().add(node);
        }
        return CompletableFuture.completedFuture(new DescribeQuorumResponse(data));
    }

    private List<QuorumInfo.ReplicaState> withAllVoters(List<QuorumInfo.ReplicaState> known) {
        List<QuorumInfo.ReplicaState> all = new ArrayList<>(known);
        for (QuorumPeer voter : context.quorum().voters()) {
            if (known.stream().noneMatch(state -> state.nodeId() == voter.nodeId())) {
                all.add(new QuorumInfo.ReplicaState(voter.nodeId(), -1, -1, -1));
            }
        }
        return all;
    }

    private static List<ReplicaState> replicaStates(List<QuorumInfo.ReplicaState> states, long nowMs) {
        List<ReplicaState> wire = new ArrayList<>();
        for (QuorumInfo.ReplicaState state : states) {
            long lastFetchMs = state.lastContactMsAgo() < 0 ? -1 : nowMs - state.lastContactMsAgo();
            wire.add(new ReplicaState().setReplicaId(state.nodeId()).setReplicaDirectoryId(Uuid.ZERO_UUID)
                    .setLogEndOffset(state.lastIndex()).setLastFetchTimestamp(lastFetchMs)
                    .setLastCaughtUpTimestamp(state.lag() == 0 ? lastFetchMs : -1));
        }
        return wire;
    }
}
