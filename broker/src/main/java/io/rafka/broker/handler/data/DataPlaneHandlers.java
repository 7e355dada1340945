package io.rafka.broker.handler.data;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.metadata.quorum.ControllerClient;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The data-plane handler set: Produce, Fetch, ListOffsets, OffsetForLeaderEpoch, DeleteRecords,
 * Metadata and InitProducerId. Stateless factory.
 */
public final class DataPlaneHandlers {

    private DataPlaneHandlers() {}

    /**
     * @param fetchCompletionExecutor where long-polling fetches build their answers (never a Netty loop)
     * @param brokerEpoch             this broker's registration epoch, read when a producer-id block is needed
     */
    public static List<ApiHandler> create(RafkaConfig config, int nodeId, String clusterId,
                                          ReplicaManager replicaManager, ControllerClient controller,
                                          LongSupplier brokerEpoch, Executor fetchCompletionExecutor) {
        MetadataHandler.AutoCreateSettings autoCreate = new MetadataHandler.AutoCreateSettings(
            config.autoCreateTopicsEnable(), config.numPartitions(), config.defaultReplicationFactor(),
            config.offsetsTopicNumPartitions(), config.offsetsTopicReplicationFactor());
        return List.of(
            new ProduceHandler(replicaManager),
            new FetchHandler(replicaManager, fetchCompletionExecutor),
            new ListOffsetsHandler(replicaManager),
            new OffsetForLeaderEpochHandler(replicaManager),
            new DeleteRecordsHandler(replicaManager),
            new MetadataHandler(nodeId, clusterId, replicaManager, controller, autoCreate),
            new InitProducerIdHandler(new ProducerIdManager(controller, nodeId, brokerEpoch)));
    }
}
