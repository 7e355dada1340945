package io.rafka.cli.support;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;

/**
 * An {@link Admin} client for one command, and the one way commands wait for it: every call is
 * bounded by {@code --timeout} and every failure becomes a {@link CliException} naming the action.
 *
 * <p>Thread-safety: the Admin client is thread-safe; a session is meant for one command's thread.
 */
public final class ClusterSession implements AutoCloseable {
    // Pending calls have already failed or finished when a command closes its session.
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String bootstrapServers;
    private final long timeoutMs;

    private ClusterSession(Admin admin, String bootstrapServers, long timeoutMs) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeoutMs = timeoutMs;
    }

    public static ClusterSession open(CliEnvironment environment, ClusterOptions options) {
        try {
            return new ClusterSession(environment.adminFactory().apply(options.clientProperties()),
                    options.bootstrapServers(), options.timeoutMs());
        } catch (KafkaException e) {
            // The useful reason ("No resolvable bootstrap urls") is the innermost cause.
            Throwable reason = e;
            while (reason.getCause() != null && reason.getCause() != reason) {
                reason = reason.getCause();
            }
            throw new CliException("cannot create a client for " + options.bootstrapServers() + ": "
                    + ClientErrors.describe(reason), e);
        }
    }

    public Admin admin() {
        return admin;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** Waits for {@code future}; {@code action} says what was asked, e.g. "describe topic orders". */
    public <T> T await(KafkaFuture<T> future, String action) {
        try {
            // The Admin client times calls out itself; the extra second only guards against it not doing so.
            return future.get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(action + ": interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw ClientErrors.translate(e, action, bootstrapServers, timeoutMs);
        }
    }

    @Override
    public void close() {
        admin.close(CLOSE_TIMEOUT);
    }
}
