package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.rafka.broker.config.Endpoint;
import java.io.IOException;
import io.rafka.common.Time;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.io.UncheckedIOException;
import org.apache.kafka.common.requests.AbstractRequest;
import java.util.concurrent.CompletableFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over real loopback sockets, one protocol rule per test. */
class KafkaServerTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private KafkaServer start(NetworkSettings settings, ApiHandler... handlers) {
        ApiHandlerRegistry.Builder builder = ApiHandlerRegistry.builder();
        for (ApiHandler handler : handlers) {
            builder.register(handler);
        }
        KafkaServer server = TestServers.start(settings, builder.build());
        toClose.add(server);
        return server;
    }

    private KafkaServer start(ApiHandler... handlers) {
        return start(NetworkSettings.loopbackEphemeral(), handlers);
    }

    private WireClient connect(KafkaServer server) throws IOException {
        WireClient client = new WireClient(server.boundAddress("PLAINTEXT"));
        toClose.add(client);
        return client;
    }

    private static HeartbeatRequest heartbeat(short version) {
        return new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId("g").setGenerationId(1).setMemberId("m"))
            .build(version);
    }

    private static HeartbeatResponse heartbeatOk() {
        return new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(Errors.NONE.code()));
    }

    private static void assertServesApiVersions(WireClient client) throws IOException {
        ApiVersionsResponse response = client.roundTrip(
            new ApiVersionsRequest.Builder().build(ApiKeys.API_VERSIONS.latestVersion(false)), ApiVersionsResponse.class);
        assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void boundPortIsTheEphemeralPortTheOsChose() {
        KafkaServer server = start();
        assertThat(server.boundPort("PLAINTEXT")).isPositive();
        assertThat(server.boundAddresses()).containsOnlyKeys("PLAINTEXT");
    }

    @Test
    void apiVersionsAdvertisesExactlyTheRegisteredHandlersIntersectedWithKafkaClients() throws IOException {
        short heartbeatMax = ApiKeys.HEARTBEAT.latestVersion(false);
        KafkaServer server = start(
            new RecordingHandler(ApiKeys.HEARTBEAT, (short) 1, (short) 99, Errors.COORDINATOR_NOT_AVAILABLE),
            new RecordingHandler(ApiKeys.METADATA, (short) 4, (short) 9, Errors.COORDINATOR_NOT_AVAILABLE));
        WireClient client = connect(server);

        for (short version = 0; version <= ApiKeys.API_VERSIONS.latestVersion(false); version++) {
            ApiVersionsResponse response = client.roundTrip(new ApiVersionsRequest.Builder().build(version),
                ApiVersionsResponse.class);
            assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(response.data().apiKeys()).extracting(ApiVersion::apiKey)
                .containsExactlyInAnyOrder(ApiKeys.API_VERSIONS.id, ApiKeys.HEARTBEAT.id, ApiKeys.METADATA.id);
            assertThat(response.apiVersion(ApiKeys.HEARTBEAT.id).minVersion()).isEqualTo((short) 1);
            assertThat(response.apiVersion(ApiKeys.HEARTBEAT.id).maxVersion()).isEqualTo(heartbeatMax);
            assertThat(response.apiVersion(ApiKeys.METADATA.id).minVersion()).isEqualTo((short) 4);
            assertThat(response.apiVersion(ApiKeys.METADATA.id).maxVersion()).isEqualTo((short) 9);
            assertThat(response.apiVersion(ApiKeys.API_VERSIONS.id).maxVersion())
                .isEqualTo(ApiKeys.API_VERSIONS.latestVersion(false));
        }
    }

    @Test
    void apiVersionsOfAnUnknownVersionIsAnsweredInV0WithUnsupportedVersion() throws IOException {
        KafkaServer server = start();
        WireClient client = connect(server);
        short tooNew = (short) (ApiKeys.API_VERSIONS.latestVersion(true) + 10);
        // What a newer client sends: header v2, body in the newest layout it knows.
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(ApiKeys.API_VERSIONS.id)
            .setRequestApiVersion(tooNew).setClientId("future-client").setCorrelationId(42);
        client.sendFrame(RequestUtils.serialize(header, (short) 2,
            new ApiVersionsRequestData().setClientSoftwareName("x").setClientSoftwareVersion("1"),
            ApiKeys.API_VERSIONS.latestVersion(false)));

        ByteBuffer frame = client.receiveFrame().orElseThrow();
        assertThat(ResponseHeader.parse(frame, (short) 0).correlationId()).isEqualTo(42);
        ApiVersionsResponse response = ApiVersionsResponse.parse(new ByteBufferAccessor(frame), (short) 0);
        assertThat(response.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(response.data().apiKeys()).singleElement().satisfies(v -> {
            assertThat(v.apiKey()).isEqualTo(ApiKeys.API_VERSIONS.id);
            assertThat(v.maxVersion()).isEqualTo(ApiKeys.API_VERSIONS.latestVersion(false));
        });
        assertServesApiVersions(client); // the connection stays open, as with Kafka
    }

    @Test
    void apiVersionsWithMalformedClientSoftwareNameGetsInvalidRequest() throws IOException {
        KafkaServer server = start();
        WireClient client = connect(server);
        ApiVersionsResponse response = client.roundTrip(new ApiVersionsRequest(
            new ApiVersionsRequestData().setClientSoftwareName("bad name!").setClientSoftwareVersion("1"), (short) 3),
            ApiVersionsResponse.class);
        assertThat(response.data().errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    }

    @Test
    void unknownApiKeyClosesOnlyThatConnectionWithOneLogLine() throws IOException {
        KafkaServer server = start();
        WireClient bystander = connect(server);
        WireClient bad = connect(server);
        try (LogCapture logs = new LogCapture(ConnectionHandler.class)) {
            ByteBuffer frame = ByteBuffer.allocate(10).putShort((short) 999).putShort((short) 0).putInt(7)
                .putShort((short) -1).flip();
            bad.sendFrame(frame);
            assertThat(bad.closedByServer()).isTrue();
            await().untilAsserted(() -> assertThat(logs.linesAt(Level.WARN)).singleElement()
                .asString().contains("invalid request header"));
        }
        assertServesApiVersions(bystander);
    }

    @Test
    void apiWithoutHandlerClosesTheConnectionAsKafkaDoes() throws IOException {
        KafkaServer server = start();
        WireClient client = connect(server);
        client.send(MetadataRequest.Builder.allTopics().build((short) 12));
        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void versionOutsideTheHandlersRangeClosesTheConnection() throws IOException {
        RecordingHandler handler = new RecordingHandler(ApiKeys.HEARTBEAT, (short) 2, (short) 4, Errors.COORDINATOR_NOT_AVAILABLE);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        client.send(heartbeat((short) 1));
        assertThat(client.closedByServer()).isTrue();
        assertThat(handler.received).isEmpty();

        WireClient other = connect(server);
        HeartbeatResponse response = other.roundTrip(heartbeat((short) 4), HeartbeatResponse.class);
        assertThat(response.error()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
        assertThat(handler.received).hasSize(1);
    }

    @Test
    void bodyThatDoesNotParseClosesOnlyThatConnection() throws IOException {
        RecordingHandler handler = new RecordingHandler(ApiKeys.HEARTBEAT, Errors.COORDINATOR_NOT_AVAILABLE);
        KafkaServer server = start(handler);
        WireClient bystander = connect(server);
        WireClient bad = connect(server);
        RequestHeader header = new RequestHeader(ApiKeys.HEARTBEAT, (short) 4, "c", 1);
        ByteBuffer good = heartbeat((short) 4).serializeWithHeader(header);
        ByteBuffer truncated = ByteBuffer.wrap(good.array(), 0, good.limit() - 3).slice();
        bad.sendFrame(truncated);
        assertThat(bad.closedByServer()).isTrue();
        assertThat(handler.received).isEmpty();
        assertServesApiVersions(bystander);
    }

    @Test
    void oversizedFrameClosesOnlyThatConnectionWithOneLogLine() throws IOException {
        KafkaServer server = start(NetworkSettings.loopbackEphemeral().withRequestMaxBytes(1024));
        WireClient bystander = connect(server);
        WireClient bad = connect(server);
        try (LogCapture logs = new LogCapture(ConnectionHandler.class)) {
            bad.sendRaw(ByteBuffer.allocate(4 + 100).putInt(1025).flip().limit(104));
            assertThat(bad.closedByServer()).isTrue();
            await().untilAsserted(() -> assertThat(logs.linesAt(Level.WARN)).singleElement()
                .asString().contains("over socket.request.max.bytes=1024"));
        }
        assertServesApiVersions(bystander);
    }

    @Test
    void negativeFrameSizeClosesTheConnection() throws IOException {
        KafkaServer server = start();
        WireClient bad = connect(server);
        bad.sendRaw(ByteBuffer.allocate(4).putInt(-5).flip());
        assertThat(bad.closedByServer()).isTrue();
        assertServesApiVersions(connect(server));
    }

    @Test
    void badFrameClosesOnlyAfterAnsweringTheRequestsBeforeIt() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        RequestHeader first = client.send(heartbeat((short) 4));
        client.sendRaw(ByteBuffer.allocate(4).putInt(-1).flip());
        handler.complete(first.correlationId(), heartbeatOk());

        assertThat(client.receive(first)).isInstanceOf(HeartbeatResponse.class);
        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void responsesGoOutInRequestOrderWhenHandlersCompleteInReverse() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        int requests = 10;
        List<RequestHeader> headers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            headers.add(client.send(heartbeat((short) 4)));
        }
        await().until(() -> handler.held.size() == requests);
        for (int i = requests - 1; i >= 0; i--) {
            handler.complete(headers.get(i).correlationId(), heartbeatOk());
        }
        for (RequestHeader header : headers) {
            assertThat(client.receive(header)).isInstanceOf(HeartbeatResponse.class);
        }
    }

    @Test
    void handlersRunOnTheRequestHandlerPoolNotOnNetworkThreads() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        RequestHeader header = client.send(heartbeat((short) 4));
        HeldHandler.Held held = handler.awaitRequest(header.correlationId());
        assertThat(held.threadName()).startsWith("rafka-request-handler-");
        assertThat(held.context().listenerName()).isEqualTo("PLAINTEXT");
        assertThat(held.context().clientId()).isEqualTo("wire-client");
        assertThat(held.context().clientAddress().isLoopbackAddress()).isTrue();
        held.future().complete(heartbeatOk());
        client.receive(header);
    }

    @Test
    void noResponseMarkerWritesNothingAndKeepsOrder() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        RequestHeader first = client.send(heartbeat((short) 4));
        RequestHeader second = client.send(heartbeat((short) 4));
        RequestHeader third = client.send(heartbeat((short) 4));
        handler.complete(third.correlationId(), heartbeatOk());
        handler.complete(second.correlationId(), NoResponse.of(ApiKeys.HEARTBEAT));
        handler.complete(first.correlationId(), heartbeatOk());

        assertThat(client.receive(first)).isInstanceOf(HeartbeatResponse.class);
        assertThat(client.receive(third)).isInstanceOf(HeartbeatResponse.class);
    }

    @Test
    void closingNoResponseClosesAfterEarlierResponses() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        RequestHeader first = client.send(heartbeat((short) 4));
        RequestHeader second = client.send(heartbeat((short) 4));
        handler.complete(second.correlationId(), NoResponse.closingConnection(ApiKeys.HEARTBEAT));
        handler.complete(first.correlationId(), heartbeatOk());
        assertThat(client.receive(first)).isInstanceOf(HeartbeatResponse.class);
        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void inFlightRequestsPerConnectionAreBoundedAndReadingResumesWhenDrained() throws IOException {
        int maxInflight = 2;
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(NetworkSettings.loopbackEphemeral().withMaxInflightRequestsPerConnection(maxInflight),
            handler);
        WireClient client = connect(server);
        int requests = 7;
        List<RequestHeader> headers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            headers.add(client.send(heartbeat((short) 4)));
        }
        await().until(() -> handler.held.size() == maxInflight);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
            .until(() -> handler.held.size() == maxInflight);

        for (int answered = 0; answered < requests; answered++) {
            RequestHeader header = headers.get(answered);
            handler.complete(header.correlationId(), heartbeatOk());
            assertThat(client.receive(header)).isInstanceOf(HeartbeatResponse.class);
            assertThat(handler.held.size()).isLessThanOrEqualTo(answered + 1 + maxInflight);
        }
        assertThat(handler.held).hasSize(requests);
    }

    @Test
    void aClientThatStopsReadingResponsesStopsTheServerReadingItsRequests() throws Exception {
        RecordingHandler handler = new RecordingHandler(ApiKeys.METADATA, Errors.COORDINATOR_NOT_AVAILABLE);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            topics.add("t" + i); // each error response lists every topic: ~40 KB
        }
        RequestHeader header = new RequestHeader(ApiKeys.METADATA, (short) 12, "c", 0);
        ByteBuffer payload = new MetadataRequest.Builder(topics, false).build((short) 12).serializeWithHeader(header);
        int requests = 1_000; // ~40 MB of responses: far beyond every socket and Netty buffer
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < requests; i++) {
                    client.sendFrame(payload);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "test-writer");
        writer.setDaemon(true);
        writer.start();

        // Nobody reads: once the outbound buffer is over its high-water mark the server stops reading.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
            .until(() -> handler.received.size() > 0);
        await().atMost(Duration.ofSeconds(20)).during(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(100))
            .until(new Callable<Boolean>() {
                private int previous = -1;

                @Override
                public Boolean call() {
                    int now = handler.received.size();
                    boolean stable = now == previous;
                    previous = now;
                    return stable;
                }
            });
        System.out.println("requests handled while the client was not reading: " + handler.received.size());
        assertThat(handler.received.size()).isLessThan(requests / 2);

        for (int i = 0; i < requests; i++) {
            assertThat(client.receiveFrame()).as("response %s", i).isPresent();
        }
        assertThat(handler.received).hasSize(requests);
        writer.join(10_000);
    }

    @Test
    void handlerErrorsBecomeTheRequestsErrorResponse() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        RequestHeader first = client.send(heartbeat((short) 4));
        RequestHeader second = client.send(heartbeat((short) 4));
        handler.awaitRequest(first.correlationId()).future()
            .completeExceptionally(new CoordinatorNotAvailableException("moving"));
        handler.awaitRequest(second.correlationId()).future()
            .completeExceptionally(new IllegalStateException("bug in a handler"));

        assertThat(((HeartbeatResponse) client.receive(first)).error()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
        assertThat(((HeartbeatResponse) client.receive(second)).error()).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertServesApiVersions(client);
    }

    @Test
    void handlerThatThrowsSynchronouslyGetsAnErrorResponse() throws IOException {
        ApiHandler throwing = new ApiHandler() {
            @Override
            public ApiKeys apiKey() {
                return ApiKeys.HEARTBEAT;
            }

            @Override
            public CompletableFuture<AbstractResponse> handle(RequestContext c,
                    AbstractRequest r) {
                throw new CoordinatorNotAvailableException("not yet");
            }
        };
        KafkaServer server = start(throwing);
        WireClient client = connect(server);
        assertThat(client.roundTrip(heartbeat((short) 4), HeartbeatResponse.class).error())
            .isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
    }

    @Test
    void idleConnectionsAreClosedAfterConnectionsMaxIdleMs() throws IOException {
        KafkaServer server = start(NetworkSettings.loopbackEphemeral().withConnectionMaxIdleMs(200));
        WireClient client = connect(server);
        assertServesApiVersions(client);
        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void aLargeFrameArrivingInPiecesIsReassembled() throws IOException {
        RecordingHandler handler = new RecordingHandler(ApiKeys.METADATA, Errors.COORDINATOR_NOT_AVAILABLE);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            topics.add("topic-with-a-long-name-" + i); // ~1.1 MiB: beyond the eager allocation
        }
        MetadataRequest request = new MetadataRequest.Builder(topics, false).build((short) 12);
        RequestHeader header = new RequestHeader(ApiKeys.METADATA, (short) 12, "c", 5);
        ByteBuffer payload = request.serializeWithHeader(header);
        assertThat(payload.remaining()).isGreaterThan(RequestFrameDecoder.EAGER_ALLOCATION_BYTES);
        ByteBuffer framed = ByteBuffer.allocate(4 + payload.remaining()).putInt(payload.remaining()).put(payload).flip();
        int pieceBytes = 100_000;
        while (framed.hasRemaining()) {
            ByteBuffer piece = framed.slice();
            piece.limit(Math.min(pieceBytes, framed.remaining()));
            client.sendRaw(ByteBuffer.wrap(Arrays.copyOfRange(framed.array(), framed.position(),
                framed.position() + piece.limit())));
            framed.position(framed.position() + piece.limit());
        }
        // Only the response header is checked: kafka-clients parses this 30,000-topic error response slowly.
        assertThat(WireClient.correlationIdOf(client.receiveFrame().orElseThrow())).isEqualTo(5);
        assertThat(((MetadataRequest) handler.received.get(0)).topics()).hasSize(30_000).endsWith("topic-with-a-long-name-29999");
    }

    @Test
    void closeWithRequestsStillInFlightReturnsAndClosesConnections() throws IOException {
        HeldHandler handler = new HeldHandler(ApiKeys.HEARTBEAT);
        KafkaServer server = start(handler);
        WireClient client = connect(server);
        RequestHeader header = client.send(heartbeat((short) 4));
        handler.awaitRequest(header.correlationId()); // never completed
        long startNs = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isLessThan(Duration.ofSeconds(10));
        assertThat(client.closedByServer()).isTrue();
        server.close(); // a second close does nothing
    }

    @Test
    void everyListenerIsBound() {
        NetworkSettings two = NetworkSettings.loopbackEphemeral().withListeners(
            List.of(Endpoint.parse("PLAINTEXT://127.0.0.1:0"), Endpoint.parse("INTERNAL://127.0.0.1:0")));
        KafkaServer server = start(two);
        Map<String, InetSocketAddress> bound = server.boundAddresses();
        assertThat(bound).containsOnlyKeys("PLAINTEXT", "INTERNAL");
        assertThat(bound.get("PLAINTEXT").getPort()).isNotEqualTo(bound.get("INTERNAL").getPort());
    }

    @Test
    void bindingAPortInUseFailsWithTheListenerNamed() {
        KafkaServer first = start();
        int port = first.boundPort("PLAINTEXT");
        NetworkSettings clash = NetworkSettings.loopbackEphemeral()
            .withListeners(List.of(Endpoint.parse("PLAINTEXT://127.0.0.1:" + port)));
        KafkaServer second = new KafkaServer(clash, ApiHandlerRegistry.builder().build(), Time.SYSTEM);
        assertThatThrownBy(second::start)
            .isInstanceOf(ListenerBindException.class)
            .hasMessageContaining("PLAINTEXT://127.0.0.1:" + port);
    }
}
