package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.Checks;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ApiHandlerRegistryTest {

    private static final Errors ANY = Errors.COORDINATOR_NOT_AVAILABLE;

    @Test
    void apiVersionsIsAlwaysServed() {
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder().build();
        assertThat(registry.advertisedVersions()).containsOnlyKeys(ApiKeys.API_VERSIONS);
        assertThat(registry.handler(ApiKeys.API_VERSIONS)).isPresent();
        assertThat(registry.versions(ApiKeys.API_VERSIONS).orElseThrow())
            .isEqualTo(new VersionRange(ApiKeys.API_VERSIONS.oldestVersion(), ApiKeys.API_VERSIONS.latestVersion(false)));
    }

    @Test
    void advertisedVersionsAreTheIntersectionWithKafkaClients() {
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
            .register(new RecordingHandler(ApiKeys.FETCH, (short) 0, Short.MAX_VALUE, ANY))
            .register(new RecordingHandler(ApiKeys.METADATA, (short) 5, (short) 7, ANY))
            .build();
        assertThat(registry.versions(ApiKeys.FETCH).orElseThrow())
            .isEqualTo(new VersionRange(ApiKeys.FETCH.oldestVersion(), ApiKeys.FETCH.latestVersion(false)));
        assertThat(registry.versions(ApiKeys.METADATA).orElseThrow()).isEqualTo(new VersionRange((short) 5, (short) 7));
        assertThat(registry.isEnabled(ApiKeys.METADATA, (short) 4)).isFalse();
        assertThat(registry.isEnabled(ApiKeys.METADATA, (short) 7)).isTrue();
        assertThat(registry.isEnabled(ApiKeys.PRODUCE, (short) 9)).isFalse();
    }

    @Test
    void twoHandlersForOneApiIsABug() {
        ApiHandlerRegistry.Builder builder = ApiHandlerRegistry.builder()
            .register(new RecordingHandler(ApiKeys.FETCH, ANY));
        assertThatThrownBy(() -> builder.register(new RecordingHandler(ApiKeys.FETCH, ANY)))
            .isInstanceOf(Checks.InvariantViolation.class).hasMessageContaining("two handlers for FETCH");
    }

    @Test
    void aHandlerWhoseVersionsKafkaClientsCannotCodecIsABug() {
        short beyond = (short) (ApiKeys.HEARTBEAT.latestVersion(true) + 1);
        assertThatThrownBy(() -> ApiHandlerRegistry.builder()
                .register(new RecordingHandler(ApiKeys.HEARTBEAT, beyond, (short) (beyond + 3), ANY)))
            .isInstanceOf(Checks.InvariantViolation.class).hasMessageContaining("disjoint");
    }

    @Test
    void apiVersionsCannotBeReplaced() {
        assertThatThrownBy(() -> ApiHandlerRegistry.builder().register(new RecordingHandler(ApiKeys.API_VERSIONS, ANY)))
            .isInstanceOf(Checks.InvariantViolation.class);
    }
}
