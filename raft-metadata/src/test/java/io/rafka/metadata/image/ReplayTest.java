package io.rafka.metadata.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.Checks;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.quorum.SnapshotFile;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.PartitionChangeRecord;
import io.rafka.metadata.record.PartitionRecord;
import io.rafka.metadata.record.ProducerIdsRecord;
import io.rafka.metadata.record.RegisterBrokerRecord;
import io.rafka.metadata.record.TopicRecord;
import io.rafka.metadata.record.UnfenceBrokerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    private static final UUID TOPIC = new UUID(7, 7);

    @TempDir
    Path dir;

    /** A small log: one batch per entry. */
    static List<List<MetadataRecord>> log() {
        List<List<MetadataRecord>> log = new ArrayList<>();
        for (int b = 1; b <= 3; b++) {
            log.add(List.of(new RegisterBrokerRecord(b, "inc-" + b, b, List.of(new Endpoint("PLAINTEXT", "h", 9090 + b)), null)));
            log.add(List.of(new UnfenceBrokerRecord(b, b)));
        }
        log.add(List.of(new TopicRecord("t", TOPIC),
            new PartitionRecord(TOPIC, 0, List.of(1, 2, 3), List.of(1, 2, 3), 1, 0, 0, List.of(), List.of(), null),
            new PartitionRecord(TOPIC, 1, List.of(2, 3, 1), List.of(2, 3, 1), 2, 0, 0, List.of(), List.of(), null)));
        log.add(List.of(new PartitionChangeRecord(TOPIC, 0, null, List.of(1, 2), null, null, null, null)));
        log.add(List.of(new PartitionChangeRecord(TOPIC, 0, 2, List.of(2), null, null, null, null)));
        log.add(List.of(new ProducerIdsRecord(1, 1, 1000)));
        return log;
    }

    static MetadataImage replay(MetadataImage start, List<List<MetadataRecord>> entries, long firstOffset) {
        MetadataImage image = start;
        long offset = firstOffset;
        for (List<MetadataRecord> entry : entries) {
            MetadataDelta delta = new MetadataDelta(image, offset++);
            delta.replayAll(entry);
            image = delta.apply();
        }
        return image;
    }

    @Test
    void sameRecordsInTwoStateMachinesGiveEqualImages() {
        assertThat(replay(MetadataImage.EMPTY, log(), 1)).isEqualTo(replay(MetadataImage.EMPTY, log(), 1));
    }

    @Test
    void replayDerivesEpochs() {
        MetadataImage image = replay(MetadataImage.EMPTY, log(), 1);
        PartitionRegistration p = image.topic("t").orElseThrow().partition(0);
        assertThat(p.leader()).isEqualTo(2);
        assertThat(p.leaderEpoch()).isEqualTo(1);
        assertThat(p.partitionEpoch()).isEqualTo(2);
    }

    @Test
    void snapshotPlusTailEqualsFullReplay() throws Exception {
        List<List<MetadataRecord>> log = log();
        for (int cut = 0; cut <= log.size(); cut++) {
            MetadataImage head = replay(MetadataImage.EMPTY, log.subList(0, cut), 1);
            Path file = dir.resolve("snapshot-" + cut);
            SnapshotFile.write(file, 1, head.withOffset(cut));
            SnapshotFile.Loaded loaded = SnapshotFile.read(file);
            MetadataImage restored = replay(loaded.image(), log.subList(cut, log.size()), cut + 1);
            assertThat(restored).as("cut at %s", cut).isEqualTo(replay(MetadataImage.EMPTY, log, 1));
        }
    }

    @Test
    void aSnapshotWithAFlippedByteIsRefused() throws Exception {
        Path file = dir.resolve("snapshot");
        SnapshotFile.write(file, 1, replay(MetadataImage.EMPTY, log(), 1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(SnapshotFile.CorruptSnapshotException.class)
            .hasMessageContaining("checksum");
    }

    @Test
    void aRecordThatDoesNotFitTheImageIsABugAndStopsReplay() {
        MetadataImage image = replay(MetadataImage.EMPTY, log(), 1);
        MetadataDelta delta = new MetadataDelta(image, 100);
        assertThatThrownBy(() -> delta.replay(new PartitionChangeRecord(TOPIC, 0, 3, null, null, null, null, null)))
            .isInstanceOf(Checks.InvariantViolation.class).hasMessageContaining("not in isr");
    }
}
