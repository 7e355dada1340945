package io.rafka.broker.handler.admin;

import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.quorum.ControllerClient;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the controller's answers into Kafka's: {@link MetadataError} maps to {@link Errors} by name (the
 * enum's contract), and a failed controller future becomes an error every client knows how to retry.
 *
 * <p>Stateless, thread-safe.
 */
final class AdminErrors {

    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);

    private AdminErrors() {}

    static Errors toErrors(MetadataError error) {
        return Errors.valueOf(error.name());
    }

    static ApiError toApiError(io.rafka.metadata.api.ApiError error) {
        return new ApiError(toErrors(error.error()), error.message());
    }

    /**
     * A controller future that failed: no controller in time (REQUEST_TIMED_OUT, retriable, as Kafka answers a
     * forwarding timeout), a Kafka exception (its own code), anything else is a bug on our side.
     */
    static ApiError fromFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ControllerClient.ControllerUnavailableException) {
            return new ApiError(Errors.REQUEST_TIMED_OUT, cause.getMessage());
        }
        if (cause instanceof ApiException) {
            return ApiError.fromThrowable(cause);
        }
        LOG.error("Controller request failed unexpectedly", cause);
        return new ApiError(Errors.UNKNOWN_SERVER_ERROR, cause.getMessage());
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The answer for one resource of a batched request: its own early validation error if any, else the
     * failure of the whole controller call if any, else what the controller said for it.
     */
    static ApiError resourceOutcome(ApiError early, ApiError failure, io.rafka.metadata.api.ApiError result) {
        if (early != null) {
            return early;
        }
        if (failure != null) {
            return failure;
        }
        return result == null ? new ApiError(Errors.UNKNOWN_SERVER_ERROR, "The controller did not answer")
                : toApiError(result);
    }
}
