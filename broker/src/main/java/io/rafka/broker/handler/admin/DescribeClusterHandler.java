package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;

/**
 * DescribeCluster from this node's image: the cluster id, the unfenced brokers (fenced ones too when v2 asks)
 * with their endpoint on the listener the request came in on, and a controller id.
 *
 * <p>The controller id is the active controller when it is a listed broker (combined nodes), else the lowest
 * listed broker: clients send "controller" requests to that id, and Kafka's brokers answer with a broker for
 * the same reason. Asking for controller endpoints (v1 endpoint type 2) gets MISMATCHED_ENDPOINT_TYPE, as a Kafka
 * broker answers.
 *
 * <p>Thread-safe: reads an immutable image.
 */
final class DescribeClusterHandler implements ApiHandler {

    private static final byte BROKER_ENDPOINTS = 1;

    private final AdminContext context;

    DescribeClusterHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CLUSTER;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        DescribeClusterRequest describe = (DescribeClusterRequest) request;
        DescribeClusterResponseData data = new DescribeClusterResponseData()
                .setClusterId(context.quorum().clusterId()).setEndpointType(BROKER_ENDPOINTS);
        if (request.version() >= 1 && describe.data().endpointType() != BROKER_ENDPOINTS) {
            return CompletableFuture.completedFuture(new DescribeClusterResponse(data
                    .setErrorCode(Errors.MISMATCHED_ENDPOINT_TYPE.code())
                    .setErrorMessage("The request was sent to an endpoint of type BROKER, but we wanted an endpoint"
                            + " of type " + describe.data().endpointType())));
        }
        MetadataImage image = context.quorum().currentImage();
        boolean includeFenced = describe.data().includeFencedBrokers();
        for (BrokerRegistration broker : new TreeMap<>(image.brokers()).values()) {
            if (broker.fenced() && !includeFenced) {
                continue;
            }
            Optional<Endpoint> endpoint = broker.endpoints().stream()
                    .filter(e -> e.name().equals(requestContext.listenerName())).findFirst();
            endpoint.ifPresent(e -> data.brokers().add(new DescribeClusterBroker().setBrokerId(broker.id())
                    .setHost(e.host()).setPort(e.port()).setRack(broker.rack()).setIsFenced(broker.fenced())));
        }
        int leaderId = context.quorum().leaderId();
        boolean leaderListed = data.brokers().find(leaderId) != null;
        data.setControllerId(leaderListed ? leaderId
                : data.brokers().isEmpty() ? -1 : data.brokers().iterator().next().brokerId());
        return CompletableFuture.completedFuture(new DescribeClusterResponse(data.setErrorCode(Errors.NONE.code())));
    }
}
