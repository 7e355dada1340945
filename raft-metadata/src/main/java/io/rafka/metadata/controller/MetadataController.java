package io.rafka.metadata.controller;

import io.rafka.metadata.api.AllocateProducerIds;
import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.AlterReassignments;
import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.BrokerConnectionClosed;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ControlledShutdown;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.api.CreatePartitions;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.DeleteTopics;
import io.rafka.metadata.api.ElectLeaders;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.ListReassignments;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.api.UnregisterBroker;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.ProducerIdsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The controller's decisions, with no threads, clock, network or disk: requests and ticks in
 * ({@code handle(request, nowMs)}, {@link #handleTick}), records and answers out. The shell
 * ({@code ControllerEventLoop}) writes the records through Ratis and answers once they commit.
 *
 * <p>Life: created from the committed image when this node's Ratis server becomes a ready leader
 * ({@code notifyLeaderReady}); every registered broker gets a fresh session then; discarded when leadership
 * is lost. The controller's view already contains the records it returned (see {@link ControllerView}).
 *
 * <p>Not thread-safe: one thread (the event loop, or a test) calls it.
 */
public final class MetadataController {

    private final ControllerView view;
    private final PartitionControl partitions;
    private final ClusterControl cluster;
    private final TopicControl topics;
    private final ConfigControl configs;

    public MetadataController(MetadataImage committed, ControllerConfig config, Random random, long nowMs) {
        this.view = new ControllerView(committed, config, random);
        this.partitions = new PartitionControl(view);
        this.cluster = new ClusterControl(view, partitions);
        this.topics = new TopicControl(view);
        this.configs = new ConfigControl(view);
        for (BrokerRegistration broker : committed.brokers().values()) {
            view.sessions.startFreshSession(broker.id(), nowMs);
        }
        view.nextRebalanceMs = nowMs + config.leaderRebalanceIntervalMs();
    }

    /** The image as this controller sees it: committed records plus the ones it wrote since. */
    public MetadataImage view() {
        return view.image;
    }

    /** Tells the controller what has committed (it reads log offsets from it, never decisions). */
    public void onCommitted(MetadataImage committed) {
        view.committed = committed;
    }

    /** Forgets everything speculative and starts over from the committed image (after a failed write). */
    public void resetToCommitted() {
        view.image = view.committed;
    }

    public ControllerResult<? extends ControllerResponse> handle(ControllerRequest request, long nowMs) {
        if (request instanceof RegisterBroker.Request r) {
            return cluster.handleRegisterBroker(r, nowMs);
        } else if (request instanceof UnregisterBroker.Request r) {
            return cluster.handleUnregisterBroker(r, nowMs);
        } else if (request instanceof BrokerHeartbeat.Request r) {
            return cluster.handleHeartbeat(r, nowMs);
        } else if (request instanceof BrokerConnectionClosed.Request r) {
            return cluster.handleConnectionClosed(r, nowMs);
        } else if (request instanceof ControlledShutdown.Request r) {
            return cluster.handleControlledShutdown(r, nowMs);
        } else if (request instanceof CreateTopics.Request r) {
            return topics.handleCreateTopics(r);
        } else if (request instanceof DeleteTopics.Request r) {
            return topics.handleDeleteTopics(r);
        } else if (request instanceof CreatePartitions.Request r) {
            return topics.handleCreatePartitions(r);
        } else if (request instanceof AlterPartition.Request r) {
            return partitions.handleAlterPartition(r, nowMs, cluster.checkBrokerEpoch(r.brokerId(), r.brokerEpoch()));
        } else if (request instanceof ElectLeaders.Request r) {
            return partitions.handleElectLeaders(r, nowMs);
        } else if (request instanceof AlterReassignments.Request r) {
            return partitions.handleAlterReassignments(r, nowMs);
        } else if (request instanceof ListReassignments.Request r) {
            return partitions.handleListReassignments(r);
        } else if (request instanceof IncrementalAlterConfigs.Request r) {
            return configs.handleIncrementalAlterConfigs(r);
        } else if (request instanceof AllocateProducerIds.Request r) {
            return handleAllocateProducerIds(r);
        }
        throw new IllegalArgumentException("unknown controller request " + request.getClass());
    }

    /**
     * Timers: fence brokers whose session expired or whose connection stayed closed, elect leaders for offline
     * partitions that can have one, and rebalance preferred leaders when it is time.
     */
    public List<MetadataRecord> handleTick(long nowMs) {
        List<MetadataRecord> records = new ArrayList<>(cluster.maybeFenceExpiredBrokers(nowMs));
        List<MetadataRecord> elections = partitions.electOfflinePartitions(nowMs);
        view.replay(elections);
        records.addAll(elections);
        records.addAll(partitions.maybeRebalanceLeaders(nowMs));
        return records;
    }

    private ControllerResult<AllocateProducerIds.Response> handleAllocateProducerIds(AllocateProducerIds.Request request) {
        ApiError error = cluster.checkBrokerEpoch(request.brokerId(), request.brokerEpoch());
        if (!error.isSuccess()) {
            return ControllerResult.noRecords(new AllocateProducerIds.Response(error, -1, 0));
        }
        long first = view.image.nextProducerId();
        List<MetadataRecord> records = List.of(new ProducerIdsRecord(request.brokerId(), request.brokerEpoch(),
            first + AllocateProducerIds.BLOCK_SIZE));
        view.replay(records);
        return ControllerResult.of(records,
            new AllocateProducerIds.Response(ApiError.NONE, first, AllocateProducerIds.BLOCK_SIZE));
    }
}
