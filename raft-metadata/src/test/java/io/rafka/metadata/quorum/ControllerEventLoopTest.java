package io.rafka.metadata.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rafka.common.MockTime;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.record.RecordBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller shell over an in-memory "quorum" whose commits the test releases by hand. */
class ControllerEventLoopTest {

    /** Holds written batches until {@link #commitAll} or {@link #failAll}; applies committed ones in order. */
    private final class ManualQuorum implements RecordWriter {
        final List<RecordBatch> written = new ArrayList<>();
        final List<CompletableFuture<Long>> pending = new ArrayList<>();
        MetadataImage image = MetadataImage.EMPTY;

        @Override
        public synchronized CompletableFuture<Long> write(RecordBatch batch) {
            written.add(batch);
            CompletableFuture<Long> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }

        synchronized void commitAll() {
            for (int i = 0; i < pending.size(); i++) {
                MetadataDelta delta = new MetadataDelta(image, image.offset() + 1);
                delta.replayAll(written.get(written.size() - pending.size() + i).records());
                image = delta.apply();
                loop.onCommitted(image);
                pending.get(i).complete(image.offset());
            }
            pending.clear();
        }

        synchronized void failAll() {
            pending.forEach(f -> f.completeExceptionally(new IllegalStateException("not leader")));
            pending.clear();
        }

        synchronized int writtenCount() {
            return written.size();
        }
    }

    private final ManualQuorum quorum = new ManualQuorum();
    private final ControllerEventLoop loop = new ControllerEventLoop(1, TestCluster.CONTROLLER, new MockTime(), 50,
        quorum, () -> 1);

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void inactiveControllerAnswersNotController() throws Exception {
        ControllerResponse response = loop.handle(new RegisterBroker.Request(1, "x", List.of(), null)).get();
        assertThat(response).isInstanceOf(ControllerResponse.NotController.class);
    }

    @Test
    void answersComeOnlyAfterTheRecordsCommit() throws Exception {
        loop.activate(MetadataImage.EMPTY, 1);
        CompletableFuture<ControllerResponse> answer = loop.handle(new RegisterBroker.Request(1, "inc",
            List.of(new Endpoint("PLAINTEXT", "h", 1)), null));
        await().atMost(Duration.ofSeconds(5)).until(() -> quorum.writtenCount() == 1);
        assertThat(answer).isNotDone();
        quorum.commitAll();
        assertThat(answer.get()).isInstanceOf(RegisterBroker.Response.class);
        assertThat(quorum.image.broker(1)).isNotNull();
        assertThat(quorum.written.get(0).controllerTerm()).isEqualTo(1);
    }

    @Test
    void aFailedWriteAnswersNotControllerAndTheControllerRestartsFromTheCommittedImage() throws Exception {
        loop.activate(MetadataImage.EMPTY, 1);
        CompletableFuture<ControllerResponse> lost = loop.handle(new RegisterBroker.Request(1, "inc", List.of(), null));
        await().atMost(Duration.ofSeconds(5)).until(() -> quorum.writtenCount() == 1);
        quorum.failAll();
        assertThat(lost.get()).isInstanceOf(ControllerResponse.NotController.class);
        await().atMost(Duration.ofSeconds(5)).until(loop::isActive);
        // The rebuilt controller does not remember the lost registration: broker 1 must register again.
        CompletableFuture<ControllerResponse> create = loop.handle(new CreateTopics.Request(
            List.of(CreateTopics.Topic.of("t", 1, 1)), false));
        ControllerResponse response = create.get();
        assertThat(((CreateTopics.Response) response).results().get(0).error().error().name())
            .isEqualTo("INVALID_REPLICATION_FACTOR");
    }
}
