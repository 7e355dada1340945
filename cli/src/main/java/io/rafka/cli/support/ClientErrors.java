package io.rafka.cli.support;

import io.rafka.cli.CliException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Turns what the Kafka clients throw into the one line a user reads: which action failed and why,
 * and for a timeout, which address did not answer within how long.
 *
 * <p>Thread-safety: stateless.
 */
public final class ClientErrors {

    private ClientErrors() {}

    /** Whether {@code error} (after unwrapping future wrappers) is an operating error of a Kafka client. */
    public static boolean isClientError(Throwable error) {
        return unwrap(error) instanceof KafkaException;
    }

    /** The bare reason, without the action: for errors that escaped a {@link ClusterSession}. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /**
     * The {@link CliException} for {@code error} raised while doing {@code action} against the
     * cluster at {@code bootstrapServers}.
     */
    public static CliException translate(Throwable error, String action, String bootstrapServers, long timeoutMs) {
        Throwable cause = unwrap(error);
        if (cause instanceof CliException cliException) {
            return cliException;
        }
        if (isTimeout(cause)) {
            return new CliException(String.format(
                    "%s: no answer from the cluster at %s within %d ms (is a broker listening there?)",
                    action, bootstrapServers, timeoutMs), cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new CliException(action + ": no such topic or partition", cause);
        }
        return new CliException(action + ": " + describe(cause), cause);
    }

    /** A timeout anywhere in the chain: some calls wrap it ("Failed to find brokers to send ListGroups"). */
    private static boolean isTimeout(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (current instanceof TimeoutException || current instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        // Futures wrap the real error once or twice; a bounded loop guards against cause cycles.
        for (int depth = 0; depth < 5 && current.getCause() != null; depth++) {
            if (current instanceof ExecutionException || current instanceof CompletionException) {
                current = current.getCause();
            } else {
                break;
            }
        }
        return current;
    }
}
