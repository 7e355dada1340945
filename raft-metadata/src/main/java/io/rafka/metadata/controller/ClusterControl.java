package io.rafka.metadata.controller;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.BrokerConnectionClosed;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ControlledShutdown;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.api.UnregisterBroker;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.record.FenceBrokerRecord;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.RegisterBrokerRecord;
import io.rafka.metadata.record.UnfenceBrokerRecord;
import io.rafka.metadata.record.UnregisterBrokerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Broker lifecycle: registration, heartbeats, fencing (session timeout or closed connection past the grace),
 * unfencing (once the broker applied the log up to its registration) and controlled shutdown.
 *
 * <p>Broker states: unregistered -> registered+fenced -> unfenced -> fenced (session lost, shut down, or
 * re-registered by a new incarnation) -> unfenced ... A new incarnation of a registered broker replaces the old
 * one at once: incarnation ids are unique per process start, so the old process is gone.
 *
 * <p>Convention shared by every control class: a handler replays the records it returns into the view
 * before returning, so later steps of the same decision and later requests see them.
 *
 * <p>Not thread-safe: the controller's single thread.
 */
final class ClusterControl {

    private final ControllerView view;
    private final PartitionControl partitions;

    ClusterControl(ControllerView view, PartitionControl partitions) {
        this.view = view;
        this.partitions = partitions;
    }

    ControllerResult<RegisterBroker.Response> handleRegisterBroker(RegisterBroker.Request request, long nowMs) {
        BrokerRegistration existing = view.image.broker(request.brokerId());
        if (existing != null && existing.incarnationId().equals(request.incarnationId())) {
            view.sessions.recordHeartbeat(request.brokerId(), nowMs, null);
            return ControllerResult.noRecords(new RegisterBroker.Response(ApiError.NONE, existing.epoch()));
        }
        List<MetadataRecord> records = new ArrayList<>();
        if (existing != null && !existing.fenced()) {
            records.addAll(partitions.changesForLostBroker(request.brokerId(), nowMs));
        }
        long maxEpoch = view.image.brokers().values().stream().mapToLong(BrokerRegistration::epoch).max().orElse(0);
        long brokerEpoch = Math.max(view.committed.offset() + 1, maxEpoch + 1);
        records.add(new RegisterBrokerRecord(request.brokerId(), request.incarnationId(), brokerEpoch,
            request.listeners(), request.rack()));
        view.sessions.startFreshSession(request.brokerId(), nowMs);
        view.replay(records);
        return ControllerResult.of(records, new RegisterBroker.Response(ApiError.NONE, brokerEpoch));
    }

    ControllerResult<UnregisterBroker.Response> handleUnregisterBroker(UnregisterBroker.Request request, long nowMs) {
        BrokerRegistration broker = view.image.broker(request.brokerId());
        if (broker == null) {
            return ControllerResult.noRecords(new UnregisterBroker.Response(ApiError.of(
                MetadataError.BROKER_ID_NOT_REGISTERED, "Broker %d is not registered", request.brokerId())));
        }
        List<MetadataRecord> records = new ArrayList<>();
        if (!broker.fenced()) {
            records.addAll(partitions.changesForLostBroker(broker.id(), nowMs));
        }
        records.add(new UnregisterBrokerRecord(broker.id(), broker.epoch()));
        view.replay(records);
        view.sessions.remove(broker.id());
        return ControllerResult.of(records, new UnregisterBroker.Response(ApiError.NONE));
    }

    ControllerResult<BrokerHeartbeat.Response> handleHeartbeat(BrokerHeartbeat.Request request, long nowMs) {
        ApiError error = checkBrokerEpoch(request.brokerId(), request.brokerEpoch());
        if (!error.isSuccess()) {
            return ControllerResult.noRecords(new BrokerHeartbeat.Response(error, true, false));
        }
        view.sessions.recordHeartbeat(request.brokerId(), nowMs, request.replicaReports());
        BrokerRegistration broker = view.image.broker(request.brokerId());
        if (request.wantShutdown()) {
            List<MetadataRecord> records = shutDown(broker, nowMs);
            view.replay(records);
            return ControllerResult.of(records, new BrokerHeartbeat.Response(ApiError.NONE, true, true));
        }
        if (broker.fenced() && hasCaughtUp(broker, request.metadataOffset())) {
            view.sessions.setShuttingDown(broker.id(), false);
            List<MetadataRecord> records = new ArrayList<>();
            records.add(new UnfenceBrokerRecord(broker.id(), broker.epoch()));
            view.replay(records);
            List<MetadataRecord> elections = partitions.electOfflinePartitions(nowMs);
            records.addAll(elections);
            view.replay(elections);
            return ControllerResult.of(records, new BrokerHeartbeat.Response(ApiError.NONE, false, false));
        }
        return ControllerResult.noRecords(new BrokerHeartbeat.Response(ApiError.NONE, broker.fenced(), false));
    }

    ControllerResult<BrokerConnectionClosed.Response> handleConnectionClosed(BrokerConnectionClosed.Request request,
                                                                             long nowMs) {
        ApiError error = checkBrokerEpoch(request.brokerId(), request.brokerEpoch());
        if (error.isSuccess()) {
            view.sessions.recordConnectionClosed(request.brokerId(), nowMs);
        }
        return ControllerResult.noRecords(new BrokerConnectionClosed.Response(error));
    }

    ControllerResult<ControlledShutdown.Response> handleControlledShutdown(ControlledShutdown.Request request,
                                                                           long nowMs) {
        ApiError error = checkBrokerEpoch(request.brokerId(), request.brokerEpoch());
        if (!error.isSuccess()) {
            return ControllerResult.noRecords(new ControlledShutdown.Response(error));
        }
        List<MetadataRecord> records = shutDown(view.image.broker(request.brokerId()), nowMs);
        view.replay(records);
        return ControllerResult.of(records, new ControlledShutdown.Response(ApiError.NONE));
    }

    /** Fences every unfenced broker whose session expired; the partition changes come first, in one batch. */
    List<MetadataRecord> maybeFenceExpiredBrokers(long nowMs) {
        List<MetadataRecord> records = new ArrayList<>();
        for (BrokerRegistration broker : List.copyOf(view.image.brokers().values())) {
            if (!broker.fenced() && view.sessions.hasExpired(broker.id(), nowMs, view.config)) {
                List<MetadataRecord> fencing = new ArrayList<>(partitions.changesForLostBroker(broker.id(), nowMs));
                fencing.add(new FenceBrokerRecord(broker.id(), broker.epoch()));
                view.replay(fencing);
                records.addAll(fencing);
            }
        }
        return records;
    }

    /** Leadership moves away and the broker leaves every ISR it is not the last member of; then it is fenced. */
    private List<MetadataRecord> shutDown(BrokerRegistration broker, long nowMs) {
        view.sessions.setShuttingDown(broker.id(), true);
        if (broker.fenced()) {
            return List.of();
        }
        List<MetadataRecord> records = new ArrayList<>(partitions.changesForLostBroker(broker.id(), nowMs));
        records.add(new FenceBrokerRecord(broker.id(), broker.epoch()));
        return records;
    }

    private boolean hasCaughtUp(BrokerRegistration broker, long metadataOffset) {
        BrokerRegistration committed = view.committed.broker(broker.id());
        return committed != null && committed.epoch() == broker.epoch() && metadataOffset >= committed.registeredAtOffset();
    }

    ApiError checkBrokerEpoch(int brokerId, long brokerEpoch) {
        BrokerRegistration broker = view.image.broker(brokerId);
        if (broker == null) {
            return ApiError.of(MetadataError.BROKER_ID_NOT_REGISTERED, "Broker %d is not registered", brokerId);
        }
        if (broker.epoch() != brokerEpoch) {
            return ApiError.of(MetadataError.STALE_BROKER_EPOCH, "Expected broker epoch %d, got %d",
                broker.epoch(), brokerEpoch);
        }
        return ApiError.NONE;
    }
}
