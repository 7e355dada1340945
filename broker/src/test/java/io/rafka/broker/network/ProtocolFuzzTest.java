package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;

/**
 * Throws random and mutated frames at a running server, one connection per frame. Rule: every bad
 * connection gets a response or is closed (never a hang), a response answers the correlation id
 * that was sent, handlers only ever see requests at versions they serve, and a good client that was
 * connected all along is still served.
 *
 * <p>Seeded: prints its seed; rerun one failure with {@code -Dfuzz.seed=N} (and {@code -Dfuzz.cases=N}).
 */
class ProtocolFuzzTest {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final List<ApiKeys> SERVED = List.of(ApiKeys.HEARTBEAT, ApiKeys.METADATA, ApiKeys.PRODUCE,
        ApiKeys.FETCH, ApiKeys.LIST_OFFSETS, ApiKeys.JOIN_GROUP, ApiKeys.CREATE_TOPICS, ApiKeys.OFFSET_COMMIT);

    private enum Kind {
        VALID, RANDOM_BYTES, MUTATED, TRUNCATED, TRAILING_GARBAGE, WRONG_SIZE_PREFIX, UNKNOWN_KEY_OR_VERSION,
        OVERSIZED_ARRAY, OVERSIZED_OR_NEGATIVE_FRAME, TINY_FRAME
    }

    /** A frame to send and whether it is incomplete (the server must wait for more bytes, so we half-close). */
    private record Case(Kind kind, byte[] bytes, boolean incomplete) {}

    @Test
    void badFramesAreAnsweredOrClosedAndTheServerKeepsServing() throws IOException {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int cases = Integer.getInteger("fuzz.cases", 600);
        System.out.println("ProtocolFuzzTest seed=" + seed + " cases=" + cases + " (rerun: -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);

        List<RecordingHandler> handlers = new ArrayList<>();
        ApiHandlerRegistry.Builder builder = ApiHandlerRegistry.builder();
        for (ApiKeys apiKey : SERVED) {
            RecordingHandler handler = new RecordingHandler(apiKey, Errors.COORDINATOR_NOT_AVAILABLE);
            handlers.add(handler);
            builder.register(handler);
        }
        ApiHandlerRegistry registry = builder.build();
        List<byte[]> templates = validPayloads(registry, random);

        try (KafkaServer server = TestServers.start(
                NetworkSettings.loopbackEphemeral().withRequestMaxBytes(MAX_REQUEST_BYTES), registry);
             WireClient goodClient = new WireClient(server.boundAddress("PLAINTEXT"))) {
            InetSocketAddress address = server.boundAddress("PLAINTEXT");
            int answered = 0;
            int closed = 0;
            for (int i = 0; i < cases; i++) {
                Case fuzzCase = generate(random, templates);
                String where = "seed=" + seed + " case=" + i + " kind=" + fuzzCase.kind();
                Optional<ByteBuffer> response = exchange(address, fuzzCase, where);
                if (response.isPresent()) {
                    answered++;
                    assertThat(WireClient.correlationIdOf(response.get()))
                        .as(where + ": response answers the correlation id sent")
                        .isEqualTo(ByteBuffer.wrap(fuzzCase.bytes()).getInt(8));
                } else {
                    closed++;
                    assertThat(fuzzCase.kind()).as(where + ": a valid request is answered").isNotEqualTo(Kind.VALID);
                }
                if (i % 50 == 0) {
                    assertServed(goodClient, where);
                }
            }
            System.out.println("ProtocolFuzzTest answered=" + answered + " closed=" + closed);
            assertServed(goodClient, "seed=" + seed + " at the end");
            try (WireClient fresh = new WireClient(address)) {
                assertServed(fresh, "seed=" + seed + " new connection at the end");
            }
            assertThat(answered).as("some fuzz frames parse and are answered").isPositive();
            assertThat(closed).as("some fuzz frames close their connection").isPositive();
        }
        for (RecordingHandler handler : handlers) {
            for (AbstractRequest request : handler.received) {
                assertThat(registry.isEnabled(request.apiKey(), request.version()))
                    .as("seed=%s: handler saw %s v%s", seed, request.apiKey(), request.version()).isTrue();
            }
        }
    }

    /** Sends one case on its own connection; returns the first response frame, or empty if the server closed. */
    private static Optional<ByteBuffer> exchange(InetSocketAddress address, Case fuzzCase, String where) throws IOException {
        try (WireClient client = new WireClient(address)) {
            client.sendRaw(ByteBuffer.wrap(fuzzCase.bytes()));
            if (fuzzCase.incomplete()) {
                client.shutdownOutput();
            }
            try {
                return client.receiveFrame();
            } catch (SocketTimeoutException e) {
                throw new AssertionError(where + ": server neither answered nor closed within "
                    + WireClient.READ_TIMEOUT_MS + " ms", e);
            }
        }
    }

    private static void assertServed(WireClient client, String where) throws IOException {
        ApiVersionsResponse response = client.roundTrip(new ApiVersionsRequest.Builder().build((short) 3),
            ApiVersionsResponse.class);
        assertThat(response.data().errorCode()).as(where + ": good client served").isEqualTo(Errors.NONE.code());
    }

    // --- generation

    private static Case generate(Random random, List<byte[]> templates) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        byte[] template = templates.get(random.nextInt(templates.size()));
        return switch (kind) {
            case VALID -> framed(kind, template);
            case RANDOM_BYTES -> framed(kind, randomBytes(random, random.nextInt(200)));
            case MUTATED -> framed(kind, mutate(random, template));
            case TRUNCATED -> framed(kind, Arrays.copyOf(template, 4 + random.nextInt(Math.max(1, template.length - 4))));
            case TRAILING_GARBAGE -> framed(kind, concat(template, randomBytes(random, 1 + random.nextInt(64))));
            case WRONG_SIZE_PREFIX -> wrongSize(random, template);
            case UNKNOWN_KEY_OR_VERSION -> framed(kind, unknownKeyOrVersion(random, template));
            case OVERSIZED_ARRAY -> framed(kind, oversizedArray(random, template));
            case OVERSIZED_OR_NEGATIVE_FRAME -> badSize(random);
            case TINY_FRAME -> framed(kind, randomBytes(random, random.nextInt(8)));
        };
    }

    private static Case framed(Kind kind, byte[] payload) {
        return new Case(kind, ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array(), false);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] template) {
        byte[] copy = template.clone();
        int flips = 1 + random.nextInt(5);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    private static Case wrongSize(Random random, byte[] template) {
        int delta = 1 + random.nextInt(50);
        int declared = random.nextBoolean() ? template.length + delta : Math.max(0, template.length - delta);
        byte[] bytes = ByteBuffer.allocate(4 + template.length).putInt(declared).put(template).array();
        return new Case(Kind.WRONG_SIZE_PREFIX, bytes, declared > template.length);
    }

    private static byte[] unknownKeyOrVersion(Random random, byte[] template) {
        ByteBuffer copy = ByteBuffer.wrap(template.clone());
        if (random.nextBoolean()) {
            copy.putShort(0, (short) random.nextInt(Short.MAX_VALUE + 1)); // api key
        } else {
            copy.putShort(2, (short) (random.nextInt(65_536) - 32_768)); // api version
        }
        return copy.array();
    }

    /** A valid header followed by a body that announces a huge array or string. */
    private static byte[] oversizedArray(Random random, byte[] template) {
        int headerEnd = headerLength(template);
        byte[] huge = random.nextBoolean()
            ? new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}            // INT32 array length
            : new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}; // unsigned varint (compact)
        return concat(Arrays.copyOf(template, headerEnd), concat(huge, randomBytes(random, random.nextInt(16))));
    }

    /** Request header v1 length (key, version, correlation id, client id); v2 adds a tagged-field byte. */
    private static int headerLength(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        ApiKeys apiKey = ApiKeys.forId(buffer.getShort(0));
        short version = buffer.getShort(2);
        int clientIdBytes = buffer.getShort(8);
        int length = 10 + Math.max(0, clientIdBytes);
        return apiKey.requestHeaderVersion(version) >= 2 ? length + 1 : length;
    }

    private static Case badSize(Random random) {
        int size = random.nextBoolean() ? MAX_REQUEST_BYTES + 1 + random.nextInt(1 << 20) : -1 - random.nextInt(1 << 20);
        return new Case(Kind.OVERSIZED_OR_NEGATIVE_FRAME,
            ByteBuffer.allocate(4 + 16).putInt(size).put(randomBytes(random, 16)).array(), false);
    }

    /** One valid payload (header + body, no size prefix) per served API and version, some with content. */
    private static List<byte[]> validPayloads(ApiHandlerRegistry registry, Random random) {
        List<byte[]> payloads = new ArrayList<>();
        registry.advertisedVersions().forEach((apiKey, range) -> {
            for (short version = range.min(); version <= range.max(); version++) {
                ApiMessage body = apiKey.messageType.newRequest();
                if (body instanceof ProduceRequestData produce) {
                    produce.setAcks((short) -1); // acks=0 has no response, and VALID cases expect one
                }
                payloads.add(payload(apiKey, version, body, random));
            }
        });
        for (short version = 4; version <= registry.versions(ApiKeys.METADATA).orElseThrow().max(); version++) {
            MetadataRequest request = new MetadataRequest.Builder(List.of("orders", "payments"), true).build(version);
            payloads.add(payload(ApiKeys.METADATA, version, request.data(), random));
        }
        CreateTopicsRequestData createTopics = new CreateTopicsRequestData().setTimeoutMs(1000);
        createTopics.topics().add(new CreatableTopic().setName("t").setNumPartitions(3).setReplicationFactor((short) 1));
        short createVersion = registry.versions(ApiKeys.CREATE_TOPICS).orElseThrow().max();
        payloads.add(payload(ApiKeys.CREATE_TOPICS, createVersion,
            new CreateTopicsRequest.Builder(createTopics).build(createVersion).data(), random));
        return payloads;
    }

    private static byte[] payload(ApiKeys apiKey, short version, ApiMessage body, Random random) {
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(apiKey.id).setRequestApiVersion(version)
            .setClientId("fuzz").setCorrelationId(random.nextInt(Integer.MAX_VALUE));
        ByteBuffer serialized = RequestUtils.serialize(header, apiKey.requestHeaderVersion(version), body, version);
        byte[] bytes = new byte[serialized.remaining()];
        serialized.get(bytes);
        return bytes;
    }
}
