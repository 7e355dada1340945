package io.rafka.broker.node;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.common.Time;
import io.rafka.log.LogManager;
import io.rafka.metadata.quorum.MetadataQuorum;
import java.util.function.LongSupplier;

/**
 * What a node hands to the request handlers it registers: the parts they build on. Handler sets
 * (data plane, admin, groups) are created from this by a {@link HandlerFactory}.
 *
 * @param config         the node's configuration
 * @param nodeId         {@code node.id}
 * @param clusterId      the cluster id from {@code meta.properties}
 * @param quorum         the metadata quorum (image, controller client, quorum description)
 * @param replicaManager hosted partitions: appends, reads, leadership events
 * @param logManager     every log of this broker (DescribeLogDirs)
 * @param brokerEpoch    this broker's epoch from its registration; -1 until registered
 * @param time           the node's clock
 *
 * <p>Immutable holder of thread-safe services.
 */
public record NodeServices(RafkaConfig config, int nodeId, String clusterId, MetadataQuorum quorum,
                           ReplicaManager replicaManager, LogManager logManager, LongSupplier brokerEpoch,
                           Time time) {}
