package io.rafka.metadata.api;

import java.util.Objects;

/**
 * An error code with the human message a Kafka client would show (null message = the code's default).
 *
 * <p>Immutable, thread-safe.
 */
public record ApiError(MetadataError error, String message) {

    public static final ApiError NONE = new ApiError(MetadataError.NONE, null);

    public ApiError {
        Objects.requireNonNull(error, "error");
    }

    public static ApiError of(MetadataError error, String messageFormat, Object... values) {
        return new ApiError(error, String.format(messageFormat, values));
    }

    public static ApiError of(MetadataError error) {
        return new ApiError(error, null);
    }

    public boolean isSuccess() {
        return error == MetadataError.NONE;
    }

    @Override
    public String toString() {
        return message == null ? error.name() : error.name() + ": " + message;
    }
}
