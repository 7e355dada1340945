package io.rafka.broker.network;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * Answers ApiVersions with exactly the registry's APIs and versions.
 *
 * <p>As Kafka does: a request at a version the server does not know reaches this handler as an
 * empty v0 request ({@link ApiVersionsRequest#hasUnsupportedRequestVersion()}), and is answered in
 * v0 with UNSUPPORTED_VERSION and only ApiVersions' own range, from which the client picks a
 * version and retries; a request whose client software name/version is malformed gets
 * INVALID_REQUEST.
 *
 * <p>Immutable, thread-safe.
 */
final class ApiVersionsHandler implements ApiHandler {

    private final Map<ApiKeys, VersionRange> advertised;

    ApiVersionsHandler(Map<ApiKeys, VersionRange> advertised) {
        this.advertised = advertised;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        ApiVersionsRequest apiVersionsRequest = (ApiVersionsRequest) request;
        if (apiVersionsRequest.hasUnsupportedRequestVersion()) {
            return CompletableFuture.completedFuture(unsupportedVersion());
        }
        if (!apiVersionsRequest.isValid()) {
            return CompletableFuture.completedFuture(
                apiVersionsRequest.getErrorResponse(0, Errors.INVALID_REQUEST.exception()));
        }
        ApiVersionCollection apiKeys = new ApiVersionCollection();
        advertised.forEach((apiKey, range) -> apiKeys.add(toApiVersion(apiKey, range)));
        return CompletableFuture.completedFuture(new ApiVersionsResponse(new ApiVersionsResponseData()
            .setErrorCode(Errors.NONE.code())
            .setThrottleTimeMs(0)
            .setApiKeys(apiKeys)));
    }

    private ApiVersionsResponse unsupportedVersion() {
        ApiVersionCollection apiKeys = new ApiVersionCollection();
        apiKeys.add(toApiVersion(ApiKeys.API_VERSIONS, advertised.get(ApiKeys.API_VERSIONS)));
        return new ApiVersionsResponse(new ApiVersionsResponseData()
            .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
            .setApiKeys(apiKeys));
    }

    private static ApiVersion toApiVersion(ApiKeys apiKey, VersionRange range) {
        return new ApiVersion().setApiKey(apiKey.id).setMinVersion(range.min()).setMaxVersion(range.max());
    }
}
