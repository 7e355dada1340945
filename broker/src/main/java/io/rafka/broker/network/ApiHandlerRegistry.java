package io.rafka.broker.network;

import io.rafka.common.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The APIs this node serves, keyed by {@link ApiKeys}, and the versions it advertises for each:
 * the intersection of what the handler declares and what kafka-clients (the codec) supports.
 * ApiVersions is always present (built in), so what {@link ApiVersionsHandler} advertises is
 * exactly this registry.
 *
 * <p>Immutable once built, thread-safe. The {@link Builder} is not thread-safe.
 */
public final class ApiHandlerRegistry {

    private final Map<ApiKeys, ApiHandler> handlers;
    private final Map<ApiKeys, VersionRange> versions;

    private ApiHandlerRegistry(Map<ApiKeys, ApiHandler> handlers, Map<ApiKeys, VersionRange> versions) {
        this.handlers = handlers;
        this.versions = versions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ApiHandler> handler(ApiKeys apiKey) {
        return Optional.ofNullable(handlers.get(apiKey));
    }

    /** The advertised versions of {@code apiKey}, empty when no handler serves it. */
    public Optional<VersionRange> versions(ApiKeys apiKey) {
        return Optional.ofNullable(versions.get(apiKey));
    }

    /** True when a handler serves {@code apiKey} at {@code version}. */
    public boolean isEnabled(ApiKeys apiKey, short version) {
        VersionRange range = versions.get(apiKey);
        return range != null && range.contains(version);
    }

    /** Every served API and its advertised versions, in API key order. */
    public Map<ApiKeys, VersionRange> advertisedVersions() {
        return versions;
    }

    /** Collects handlers; not thread-safe. */
    public static final class Builder {
        private final Map<ApiKeys, ApiHandler> handlers = new EnumMap<>(ApiKeys.class);

        private Builder() {}

        /** Registers a handler; registering two for one API, or one whose versions kafka-clients cannot codec, is a bug. */
        public Builder register(ApiHandler handler) {
            ApiKeys apiKey = handler.apiKey();
            Checks.check(apiKey != ApiKeys.API_VERSIONS, "ApiVersions is built in and answers from this registry");
            Checks.check(!handlers.containsKey(apiKey), "two handlers for %s: %s and %s", apiKey, handlers.get(apiKey), handler);
            intersect(apiKey, handler.minVersion(), handler.maxVersion());
            handlers.put(apiKey, handler);
            return this;
        }

        public ApiHandlerRegistry build() {
            Map<ApiKeys, VersionRange> versions = new EnumMap<>(ApiKeys.class);
            versions.put(ApiKeys.API_VERSIONS, intersect(ApiKeys.API_VERSIONS,
                ApiKeys.API_VERSIONS.oldestVersion(), ApiKeys.API_VERSIONS.latestVersion(false)));
            handlers.forEach((apiKey, handler) ->
                versions.put(apiKey, intersect(apiKey, handler.minVersion(), handler.maxVersion())));
            Map<ApiKeys, VersionRange> advertised = Collections.unmodifiableMap(versions);

            Map<ApiKeys, ApiHandler> all = new EnumMap<>(handlers);
            all.put(ApiKeys.API_VERSIONS, new ApiVersionsHandler(advertised));
            return new ApiHandlerRegistry(Collections.unmodifiableMap(all), advertised);
        }

        private static VersionRange intersect(ApiKeys apiKey, short handlerMin, short handlerMax) {
            // Unstable versions stay unadvertised, like Kafka with unstable.api.versions.enable=false.
            short min = (short) Math.max(handlerMin, apiKey.oldestVersion());
            short max = (short) Math.min(handlerMax, apiKey.latestVersion(false));
            Checks.check(min <= max, "handler for %s declares versions [%s, %s], disjoint from kafka-clients' [%s, %s]",
                apiKey, handlerMin, handlerMax, apiKey.oldestVersion(), apiKey.latestVersion(false));
            return new VersionRange(min, max);
        }
    }
}
