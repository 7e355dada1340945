package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.common.Time;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBrokerCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataResponse;
import org.junit.jupiter.api.Test;

/**
 * An unmodified kafka-clients {@link Admin} against the server: it must negotiate versions through
 * our ApiVersions answer and then speak the version we advertised. The Metadata handler here is a
 * test fixture describing a one-broker cluster, not Rafka's Metadata implementation.
 */
class RealClientTest {

    private static final short METADATA_MAX_VERSION = 9;

    /** Answers Metadata with one broker (this server) and no topics; records the versions it was asked in. */
    private static final class OneBrokerMetadata implements ApiHandler {
        final AtomicInteger port = new AtomicInteger();
        final List<Short> versionsSeen = new CopyOnWriteArrayList<>();

        @Override
        public ApiKeys apiKey() {
            return ApiKeys.METADATA;
        }

        @Override
        public short maxVersion() {
            return METADATA_MAX_VERSION;
        }

        @Override
        public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
            versionsSeen.add(request.version());
            MetadataResponseBrokerCollection brokers = new MetadataResponseBrokerCollection();
            brokers.add(new MetadataResponseBroker().setNodeId(1).setHost("127.0.0.1").setPort(port.get()));
            MetadataResponseData data = new MetadataResponseData()
                .setBrokers(brokers).setClusterId("rafka-test-cluster").setControllerId(1);
            return CompletableFuture.completedFuture(new MetadataResponse(data, request.version()));
        }
    }

    @Test
    void adminClientNegotiatesThroughApiVersionsAndUsesTheAdvertisedVersion() throws Exception {
        OneBrokerMetadata metadata = new OneBrokerMetadata();
        try (KafkaServer server = new KafkaServer(NetworkSettings.loopbackEphemeral(),
                ApiHandlerRegistry.builder().register(metadata).build(), Time.SYSTEM)) {
            server.start();
            metadata.port.set(server.boundPort("PLAINTEXT"));
            Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + server.boundPort("PLAINTEXT"),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
            try (Admin admin = Admin.create(config)) {
                DescribeClusterResult cluster = admin.describeCluster();
                assertThat(cluster.clusterId().get(20, TimeUnit.SECONDS)).isEqualTo("rafka-test-cluster");
                assertThat(cluster.nodes().get(20, TimeUnit.SECONDS)).extracting(Node::id).containsExactly(1);
            }
            assertThat(metadata.versionsSeen).isNotEmpty().allMatch(v -> v == METADATA_MAX_VERSION);
        }
    }
}
