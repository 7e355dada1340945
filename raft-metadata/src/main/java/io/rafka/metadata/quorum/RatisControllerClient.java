package io.rafka.metadata.quorum;

import io.rafka.common.Time;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.record.RecordSerde;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards controller requests through Ratis itself, so this module opens no sockets of its own: an unordered
 * read-only Ratis request (unordered: requests are independent, and one failure must not stall the others in
 * an ordered sliding window) reaches the leader's {@code StateMachine.query}, which hands it to the controller event loop and
 * answers once its records committed. Ratis's client follows NotLeader redirects to the new leader; a leader
 * whose controller is not active yet answers {@link ControllerResponse.NotController}, retried here with a short
 * back-off until {@code requestTimeoutMs}.
 *
 * <p>NB: a request whose leader dies after deciding but before answering may be retried on the new leader and
 * executed twice (e.g. a create answered TOPIC_ALREADY_EXISTS); Kafka's forwarding has the same window.
 *
 * <p>Thread-safe: RaftClient is thread-safe; retries run on a private scheduler.
 */
final class RatisControllerClient implements ControllerClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RatisControllerClient.class);
    private static final long RETRY_BACKOFF_MS = 50;

    private final RaftClient client;
    private final Time time;
    private final long requestTimeoutMs;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rafka-controller-client-retry");
        t.setDaemon(true);
        return t;
    });

    RatisControllerClient(RaftClient client, Time time, long requestTimeoutMs) {
        this.client = client;
        this.time = time;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public CompletableFuture<ControllerResponse> send(ControllerRequest request) {
        CompletableFuture<ControllerResponse> answer = new CompletableFuture<>();
        Message message = Message.valueOf(ByteString.copyFrom(RecordSerde.write(request)));
        attempt(message, time.monotonicMs() + requestTimeoutMs, answer, null);
        return answer;
    }

    private void attempt(Message message, long deadlineMs, CompletableFuture<ControllerResponse> answer,
                         Throwable lastError) {
        if (time.monotonicMs() >= deadlineMs) {
            answer.completeExceptionally(new ControllerUnavailableException(
                "no active controller answered within " + requestTimeoutMs + " ms", lastError));
            return;
        }
        client.async().sendReadOnlyUnordered(message).whenComplete((reply, error) -> {
            Throwable failure = error != null ? error : replyError(reply);
            if (failure == null) {
                ControllerResponse response = RecordSerde.read(reply.getMessage().getContent().toByteArray(),
                    ControllerResponse.class);
                if (!(response instanceof ControllerResponse.NotController)) {
                    answer.complete(response);
                    return;
                }
            }
            LOG.debug("Controller request not answered ({}); retrying in {} ms", failure != null ? failure.toString()
                : "no active controller", RETRY_BACKOFF_MS);
            retries.schedule(() -> attempt(message, deadlineMs, answer, failure), RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
        });
    }

    private static Throwable replyError(RaftClientReply reply) {
        if (reply.isSuccess()) {
            return null;
        }
        return reply.getException() != null ? reply.getException() : new IOException("unsuccessful reply " + reply);
    }

    @Override
    public void close() throws IOException {
        retries.shutdownNow();
        client.close();
    }
}
