package io.rafka.broker.handler.group;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;

/**
 * FindCoordinator v0-v6 (batched keys from v4): a group's coordinator is the leader of its
 * {@code __consumer_offsets} partition, with its endpoint on the listener the request came in on. While the
 * topic does not exist yet it is created (through the controller) and the answer is COORDINATOR_NOT_AVAILABLE,
 * which clients retry, as with Kafka.
 *
 * <p>Only key type GROUP is served: a TRANSACTION or SHARE key gets INVALID_REQUEST with a message (Rafka has no
 * transaction or share coordinator), which a transactional producer reports as fatal rather than retrying.
 *
 * <p>Thread-safe: reads an immutable image.
 */
final class FindCoordinatorHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    FindCoordinatorHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FIND_COORDINATOR;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        FindCoordinatorRequestData data = ((FindCoordinatorRequest) request).data();
        boolean batched = request.version() >= 4;
        List<String> keys = batched ? data.coordinatorKeys() : List.of(data.key());
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        for (String key : keys) {
            Coordinator coordinator = find(key, data.keyType(), context.listenerName());
            if (batched) {
                response.coordinators().add(coordinator);
            } else {
                response.setErrorCode(coordinator.errorCode()).setErrorMessage(coordinator.errorMessage())
                        .setNodeId(coordinator.nodeId()).setHost(coordinator.host()).setPort(coordinator.port());
            }
        }
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(response));
    }

    private Coordinator find(String key, byte keyType, String listenerName) {
        Coordinator coordinator = new Coordinator().setKey(key).setNodeId(-1).setHost("").setPort(-1);
        if (keyType != FindCoordinatorRequest.CoordinatorType.GROUP.id()) {
            return failed(coordinator, Errors.INVALID_REQUEST, "Rafka has no coordinator of key type " + keyType
                    + " (" + FindCoordinatorRequest.CoordinatorType.forId(keyType) + "): only GROUP is supported");
        }
        if (key == null || key.isEmpty()) {
            return failed(coordinator, Errors.INVALID_REQUEST, "The group id must not be empty");
        }
        MetadataImage image = shell.image();
        if (!image.topicsByName().containsKey(GroupCoordinatorShell.OFFSETS_TOPIC)) {
            shell.maybeCreateOffsetsTopic();
            return failed(coordinator, Errors.COORDINATOR_NOT_AVAILABLE, null);
        }
        int leaderId = shell.coordinatorIdFor(key);
        BrokerRegistration leader = leaderId < 0 ? null : image.broker(leaderId);
        Optional<Endpoint> endpoint = leader == null || leader.fenced() ? Optional.empty()
                : leader.endpoints().stream().filter(e -> e.name().equals(listenerName)).findFirst();
        if (endpoint.isEmpty()) {
            return failed(coordinator, Errors.COORDINATOR_NOT_AVAILABLE, null);
        }
        return coordinator.setNodeId(leaderId).setHost(endpoint.get().host()).setPort(endpoint.get().port())
                .setErrorCode(Errors.NONE.code());
    }

    private static Coordinator failed(Coordinator coordinator, Errors error, String message) {
        return coordinator.setErrorCode(error.code()).setErrorMessage(message == null ? error.message() : message);
    }
}
