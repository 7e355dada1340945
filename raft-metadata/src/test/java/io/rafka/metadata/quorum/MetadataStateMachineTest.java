package io.rafka.metadata.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.PartitionRecord;
import io.rafka.metadata.record.RecordBatch;
import io.rafka.metadata.record.RecordSerde;
import io.rafka.metadata.record.TopicRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/** The state machine fed log entries directly, as Ratis's apply thread would. */
class MetadataStateMachineTest {

    private static final UUID TOPIC = new UUID(3, 4);

    /** Records what the state machine reports; answers every forwarded request as "not controller". */
    private static final class RecordingEvents implements StateMachineEvents {
        final List<MetadataImage> committed = new CopyOnWriteArrayList<>();

        @Override
        public void onLeaderReady(MetadataImage image, long term) {
        }

        @Override
        public void onNotLeader() {
        }

        @Override
        public void onCommitted(MetadataImage image) {
            committed.add(image);
        }

        @Override
        public CompletableFuture<ControllerResponse> handleRequest(ControllerRequest request) {
            return CompletableFuture.completedFuture(new ControllerResponse.NotController(-1));
        }
    }

    private static TransactionContext entry(MetadataStateMachine stateMachine, long index, List<MetadataRecord> records) {
        LogEntryProto entry = LogEntryProto.newBuilder().setTerm(1).setIndex(index)
            .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
                .setLogData(ByteString.copyFrom(RecordSerde.serialize(RecordBatch.of(1, records)))))
            .build();
        return TransactionContext.newBuilder().setServerRole(RaftPeerRole.FOLLOWER).setStateMachine(stateMachine)
            .setLogEntry(entry).build();
    }

    private static List<List<MetadataRecord>> log() {
        return List.of(
            List.of(new TopicRecord("a", TOPIC),
                new PartitionRecord(TOPIC, 0, List.of(1), List.of(1), 1, 0, 0, List.of(), List.of(), null)),
            List.of(new TopicRecord("b", new UUID(5, 6))));
    }

    @Test
    void twoStateMachinesApplyingTheSameEntriesHoldEqualImagesAndPublishThemInOrder() throws Exception {
        MetadataImage[] images = new MetadataImage[2];
        List<Long> publishedOffsets = new CopyOnWriteArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            MetadataPublisher publisher = new MetadataPublisher(copy);
            if (copy == 0) {
                publisher.addListener((delta, image) -> publishedOffsets.add(delta.offset()));
            }
            MetadataStateMachine stateMachine = new MetadataStateMachine(publisher, new RecordingEvents(), e -> { });
            long index = 1;
            for (List<MetadataRecord> records : log()) {
                stateMachine.applyTransaction(entry(stateMachine, index++, records)).get();
            }
            images[copy] = stateMachine.currentImage();
            publisher.close();
        }
        assertThat(images[0]).isEqualTo(images[1]);
        assertThat(images[0].offset()).isEqualTo(2);
        assertThat(images[0].topicsByName().keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(publishedOffsets).containsExactly(1L, 2L);
    }

    @Test
    void anEntryThatCannotBeAppliedStopsTheNodeAndLeavesTheImageAsItWas() throws Exception {
        List<Throwable> fatal = new CopyOnWriteArrayList<>();
        MetadataPublisher publisher = new MetadataPublisher(0);
        MetadataStateMachine stateMachine = new MetadataStateMachine(publisher, new RecordingEvents(), fatal::add);
        stateMachine.applyTransaction(entry(stateMachine, 1, log().get(0))).get();
        MetadataImage before = stateMachine.currentImage();
        // A second TopicRecord with the same name: a bug in whoever wrote it.
        CompletableFuture<?> applied = stateMachine.applyTransaction(entry(stateMachine, 2,
            List.of(new TopicRecord("a", new UUID(9, 9)))));
        assertThat(applied).isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(5)).until(() -> !fatal.isEmpty());
        assertThat(fatal.get(0)).hasMessageContaining("already exists");
        assertThat(stateMachine.currentImage()).isSameAs(before);
        publisher.close();
    }
}
