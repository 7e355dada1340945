package io.rafka.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GroupRecordCodecTest {

    @Property(tries = 200)
    void offsetCommitRoundTrips(@ForAll @StringLength(min = 1, max = 60) String group,
                                @ForAll @StringLength(min = 1, max = 60) String topic,
                                @ForAll int partition, @ForAll long offset, @ForAll int epoch,
                                @ForAll @StringLength(max = 200) String metadata, @ForAll long timestampMs) {
        GroupRecord record = new GroupRecord.OffsetCommit(group, topic, partition, offset, epoch, metadata, timestampMs);
        GroupRecordCodec.KeyValue encoded = GroupRecordCodec.encode(record);
        assertThat(GroupRecordCodec.decode(encoded.key(), encoded.value())).isEqualTo(record);
    }

    @Test
    void groupMetadataRoundTripsWithNullsAndMembers() {
        GroupRecord.MemberMetadata member = new GroupRecord.MemberMetadata("m-1", null, "client", "/10.0.0.1",
                30_000, 10_000, new byte[] {1, 2}, new byte[] {3});
        GroupRecord.GroupMetadata record = new GroupRecord.GroupMetadata("g", "consumer", 7, "range", "m-1", 99L,
                List.of(member));
        GroupRecordCodec.KeyValue encoded = GroupRecordCodec.encode(record);
        GroupRecord.GroupMetadata decoded = (GroupRecord.GroupMetadata) GroupRecordCodec.decode(encoded.key(),
                encoded.value());
        assertThat(decoded).usingRecursiveComparison().isEqualTo(record);

        GroupRecord.GroupMetadata empty = new GroupRecord.GroupMetadata("g", "consumer", 8, null, null, 100L, List.of());
        GroupRecordCodec.KeyValue emptyEncoded = GroupRecordCodec.encode(empty);
        assertThat(GroupRecordCodec.decode(emptyEncoded.key(), emptyEncoded.value())).usingRecursiveComparison()
                .isEqualTo(empty);
    }

    @Test
    void tombstonesHaveAKeyAndNoValue() {
        GroupRecordCodec.KeyValue group = GroupRecordCodec.encode(new GroupRecord.GroupTombstone("g"));
        assertThat(group.value()).isNull();
        assertThat(GroupRecordCodec.decode(group.key(), null)).isEqualTo(new GroupRecord.GroupTombstone("g"));
        GroupRecordCodec.KeyValue offset = GroupRecordCodec.encode(new GroupRecord.OffsetTombstone("g", "t", 3));
        assertThat(GroupRecordCodec.decode(offset.key(), null)).isEqualTo(new GroupRecord.OffsetTombstone("g", "t", 3));
    }

    @Test
    void keysOfTheSameOffsetAreEqualSoCompactionKeepsOnlyTheLast() {
        byte[] first = GroupRecordCodec.encode(new GroupRecord.OffsetCommit("g", "t", 0, 1, 0, "", 1)).key();
        byte[] second = GroupRecordCodec.encode(new GroupRecord.OffsetCommit("g", "t", 0, 2, 0, "x", 2)).key();
        assertThat(first).isEqualTo(second);
    }
}
