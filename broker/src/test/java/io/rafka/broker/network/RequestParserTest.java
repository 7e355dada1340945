package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;

/** The parsing rules without a socket: what is dispatched and what closes the connection. */
class RequestParserTest {

    private final RequestParser parser = new RequestParser(ApiHandlerRegistry.builder()
        .register(new RecordingHandler(ApiKeys.HEARTBEAT, (short) 1, (short) 3, Errors.COORDINATOR_NOT_AVAILABLE))
        .build());

    private static ByteBuffer heartbeat(short version, int correlationId) {
        HeartbeatRequest request = new HeartbeatRequest.Builder(
            new HeartbeatRequestData().setGroupId("g").setMemberId("m")).build(version);
        return request.serializeWithHeader(new RequestHeader(ApiKeys.HEARTBEAT, version, "c", correlationId));
    }

    @Test
    void servedApiAtServedVersionIsAccepted() {
        ParsedFrame parsed = parser.parse(heartbeat((short) 3, 77));
        assertThat(parsed).isInstanceOfSatisfying(ParsedFrame.Accepted.class, accepted -> {
            assertThat(accepted.header().correlationId()).isEqualTo(77);
            assertThat(accepted.request()).isInstanceOf(HeartbeatRequest.class);
            assertThat(accepted.responseVersion()).isEqualTo((short) 3);
        });
    }

    @Test
    void versionOutsideTheServedRangeIsRejected() {
        assertThat(parser.parse(heartbeat((short) 0, 1))).isInstanceOfSatisfying(ParsedFrame.Rejected.class,
            rejected -> assertThat(rejected.reason()).contains("HEARTBEAT version 0 is outside the served range [1, 3]"));
    }

    @Test
    void knownButUnservedApiIsRejected() {
        ByteBuffer frame = new ApiVersionsRequest.Builder().build((short) 3)
            .serializeWithHeader(new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "c", 1));
        frame.putShort(0, ApiKeys.FETCH.id);
        assertThat(parser.parse(frame)).isInstanceOfSatisfying(ParsedFrame.Rejected.class,
            rejected -> assertThat(rejected.reason()).contains("FETCH (key 1) is not served"));
    }

    @Test
    void unknownApiKeyIsRejected() {
        ByteBuffer frame = heartbeat((short) 3, 1);
        frame.putShort(0, (short) 31_000);
        assertThat(parser.parse(frame)).isInstanceOfSatisfying(ParsedFrame.Rejected.class,
            rejected -> assertThat(rejected.reason()).contains("31000"));
    }

    @Test
    void apiVersionsOfUnknownVersionBecomesAnEmptyV0RequestFlaggedUnsupported() {
        short tooNew = 200;
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(ApiKeys.API_VERSIONS.id)
            .setRequestApiVersion(tooNew).setClientId("c").setCorrelationId(9);
        ByteBuffer frame = RequestUtils.serialize(header, (short) 2, new ApiVersionsRequestData(), (short) 3);
        assertThat(parser.parse(frame)).isInstanceOfSatisfying(ParsedFrame.Accepted.class, accepted -> {
            assertThat(accepted.responseVersion()).isZero();
            assertThat(((ApiVersionsRequest) accepted.request()).hasUnsupportedRequestVersion()).isTrue();
            assertThat(accepted.header().correlationId()).isEqualTo(9);
        });
    }

    @Test
    void truncatedBodyIsRejected() {
        ByteBuffer frame = heartbeat((short) 3, 1);
        frame.limit(frame.limit() - 2);
        assertThat(parser.parse(frame)).isInstanceOfSatisfying(ParsedFrame.Rejected.class,
            rejected -> assertThat(rejected.reason()).startsWith("cannot parse HEARTBEAT v3 body"));
    }

    @Test
    void truncatedHeaderIsRejected() {
        assertThat(parser.parse(ByteBuffer.wrap(new byte[] {0, 12, 0}))).isInstanceOf(ParsedFrame.Rejected.class);
        assertThat(parser.parse(ByteBuffer.allocate(0))).isInstanceOf(ParsedFrame.Rejected.class);
    }
}
