package io.rafka.broker.handler.data;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;

/**
 * InitProducerId, v0 to v5, for idempotent producers: a fresh producer id with epoch 0 every time, as
 * Kafka answers a producer without a transactional id (an epoch bump request, KIP-360, gets a new id
 * too, which resets its sequences just as well).
 *
 * <p>Transactions are not implemented: a transactional id is refused with INVALID_REQUEST, which the
 * Java producer treats as fatal with the message "... sent to an incompatible broker", rather than a
 * retriable code it would loop on. v6 (KIP-939, unstable) is not advertised.
 *
 * <p>Thread-safe.
 */
public final class InitProducerIdHandler implements ApiHandler {

    private static final short INITIAL_PRODUCER_EPOCH = 0;

    private final ProducerIdManager producerIds;

    public InitProducerIdHandler(ProducerIdManager producerIds) {
        this.producerIds = producerIds;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INIT_PRODUCER_ID;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        InitProducerIdRequestData data = ((InitProducerIdRequest) request).data();
        if (data.transactionalId() != null) {
            return CompletableFuture.completedFuture(new InitProducerIdResponse(new InitProducerIdResponseData()
                .setErrorCode(Errors.INVALID_REQUEST.code()).setProducerId(-1).setProducerEpoch((short) -1)));
        }
        return producerIds.nextProducerId().thenApply(producerId -> new InitProducerIdResponse(
            new InitProducerIdResponseData().setErrorCode(Errors.NONE.code()).setProducerId(producerId)
                .setProducerEpoch(INITIAL_PRODUCER_EPOCH)));
    }
}
