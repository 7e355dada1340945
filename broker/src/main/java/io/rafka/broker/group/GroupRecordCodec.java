package io.rafka.broker.group;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link GroupRecord}s as the key and value of a record in {@code __consumer_offsets}.
 *
 * <p>The layout is Kafka's own (offset key v1, offset value v3, group key v2, group value v3:
 * big-endian integers, strings as int16 length + UTF-8, nullable strings with length -1, bytes as
 * int32 length), so Kafka's offsets-topic formatters can read a Rafka log. A tombstone is a record
 * with a key and a null value, which is what lets compaction forget the group or offset.
 *
 * <p>Stateless and thread-safe.
 */
public final class GroupRecordCodec {

    static final short OFFSET_KEY_VERSION = 1;
    static final short GROUP_KEY_VERSION = 2;
    static final short OFFSET_VALUE_VERSION = 3;
    static final short GROUP_VALUE_VERSION = 3;

    /** Key and value bytes of one record; {@code value} is null for a tombstone. */
    public record KeyValue(byte[] key, byte[] value) {}

    /** Thrown when bytes in the offsets topic are not a record this codec knows. */
    public static final class UnknownGroupRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownGroupRecordException(String message) {
            super(message);
        }
    }

    private GroupRecordCodec() {}

    public static KeyValue encode(GroupRecord record) {
        if (record instanceof GroupRecord.OffsetCommit commit) {
            return new KeyValue(offsetKey(commit.groupId(), commit.topic(), commit.partition()), offsetValue(commit));
        } else if (record instanceof GroupRecord.OffsetTombstone tombstone) {
            return new KeyValue(offsetKey(tombstone.groupId(), tombstone.topic(), tombstone.partition()), null);
        } else if (record instanceof GroupRecord.GroupMetadata metadata) {
            return new KeyValue(groupKey(metadata.groupId()), groupValue(metadata));
        } else if (record instanceof GroupRecord.GroupTombstone tombstone) {
            return new KeyValue(groupKey(tombstone.groupId()), null);
        }
        throw new IllegalArgumentException("not a group record: " + record);
    }

    public static GroupRecord decode(byte[] key, byte[] value) {
        ByteBuffer keyBuffer = ByteBuffer.wrap(key);
        short keyVersion = keyBuffer.getShort();
        String groupId = readString(keyBuffer);
        if (keyVersion == 0 || keyVersion == OFFSET_KEY_VERSION) {
            String topic = readString(keyBuffer);
            int partition = keyBuffer.getInt();
            if (value == null) {
                return new GroupRecord.OffsetTombstone(groupId, topic, partition);
            }
            return decodeOffsetValue(groupId, topic, partition, ByteBuffer.wrap(value));
        }
        if (keyVersion == GROUP_KEY_VERSION) {
            return value == null ? new GroupRecord.GroupTombstone(groupId)
                    : decodeGroupValue(groupId, ByteBuffer.wrap(value));
        }
        throw new UnknownGroupRecordException("unknown __consumer_offsets key version " + keyVersion);
    }

    private static byte[] offsetKey(String groupId, String topic, int partition) {
        Writer out = new Writer();
        out.putShort(OFFSET_KEY_VERSION).putString(groupId).putString(topic).putInt(partition);
        return out.toBytes();
    }

    private static byte[] groupKey(String groupId) {
        return new Writer().putShort(GROUP_KEY_VERSION).putString(groupId).toBytes();
    }

    private static byte[] offsetValue(GroupRecord.OffsetCommit commit) {
        return new Writer().putShort(OFFSET_VALUE_VERSION).putLong(commit.offset()).putInt(commit.leaderEpoch())
                .putString(commit.metadata()).putLong(commit.commitTimestampMs()).toBytes();
    }

    private static GroupRecord decodeOffsetValue(String groupId, String topic, int partition, ByteBuffer value) {
        short version = value.getShort();
        if (version != OFFSET_VALUE_VERSION) {
            throw new UnknownGroupRecordException("unsupported offset value version " + version);
        }
        long offset = value.getLong();
        int leaderEpoch = value.getInt();
        String metadata = readString(value);
        long commitTimestampMs = value.getLong();
        return new GroupRecord.OffsetCommit(groupId, topic, partition, offset, leaderEpoch, metadata, commitTimestampMs);
    }

    private static byte[] groupValue(GroupRecord.GroupMetadata metadata) {
        Writer out = new Writer().putShort(GROUP_VALUE_VERSION).putString(metadata.protocolType())
                .putInt(metadata.generationId()).putString(metadata.protocolName()).putString(metadata.leaderId())
                .putLong(metadata.timestampMs()).putInt(metadata.members().size());
        for (GroupRecord.MemberMetadata member : metadata.members()) {
            out.putString(member.memberId()).putString(member.groupInstanceId()).putString(member.clientId())
                    .putString(member.clientHost()).putInt(member.rebalanceTimeoutMs()).putInt(member.sessionTimeoutMs())
                    .putBytes(member.subscription()).putBytes(member.assignment());
        }
        return out.toBytes();
    }

    private static GroupRecord decodeGroupValue(String groupId, ByteBuffer value) {
        short version = value.getShort();
        if (version != GROUP_VALUE_VERSION) {
            throw new UnknownGroupRecordException("unsupported group value version " + version);
        }
        String protocolType = readString(value);
        int generation = value.getInt();
        String protocolName = readString(value);
        String leaderId = readString(value);
        long timestampMs = value.getLong();
        int count = value.getInt();
        if (count < 0 || count > value.remaining()) {
            throw new UnknownGroupRecordException("group " + groupId + ": invalid member count " + count);
        }
        List<GroupRecord.MemberMetadata> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new GroupRecord.MemberMetadata(readString(value), readString(value), readString(value),
                    readString(value), value.getInt(), value.getInt(), readBytes(value), readBytes(value)));
        }
        return new GroupRecord.GroupMetadata(groupId, protocolType, generation, protocolName, leaderId, timestampMs,
                members);
    }

    private static String readString(ByteBuffer buffer) {
        short length = buffer.getShort();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return new byte[0];
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** A growable big-endian buffer. */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(128);

        private void ensure(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        Writer putShort(short value) {
            ensure(2);
            buffer.putShort(value);
            return this;
        }

        Writer putInt(int value) {
            ensure(4);
            buffer.putInt(value);
            return this;
        }

        Writer putLong(long value) {
            ensure(8);
            buffer.putLong(value);
            return this;
        }

        Writer putString(String value) {
            if (value == null) {
                return putShort((short) -1);
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("string of " + bytes.length + " bytes is too long for the offsets topic");
            }
            putShort((short) bytes.length);
            ensure(bytes.length);
            buffer.put(bytes);
            return this;
        }

        Writer putBytes(byte[] value) {
            putInt(value.length);
            ensure(value.length);
            buffer.put(value);
            return this;
        }

        byte[] toBytes() {
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        }
    }
}
