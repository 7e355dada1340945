package io.rafka.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

class TimestampValidatorTest {

    private static final long NOW_MS = 1_700_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;

    private static ByteBuffer batch(long... timestampsMs) {
        SimpleRecord[] records = new SimpleRecord[timestampsMs.length];
        for (int i = 0; i < timestampsMs.length; i++) {
            records[i] = new SimpleRecord(timestampsMs[i], "k".getBytes(), "v".getBytes());
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    @Test
    void timestampsWithinBothBoundsPass() {
        assertThat(TimestampValidator.check(batch(NOW_MS - HOUR_MS, NOW_MS + HOUR_MS), NOW_MS, 2 * HOUR_MS, HOUR_MS)).isEmpty();
    }

    @Test
    void aRecordTooFarInTheFutureFailsNamingTheBound() {
        assertThat(TimestampValidator.check(batch(NOW_MS, NOW_MS + HOUR_MS + 1), NOW_MS, Long.MAX_VALUE, HOUR_MS))
            .hasValueSatisfying(message -> assertThat(message).contains("message.timestamp.after.max.ms"));
    }

    @Test
    void aFirstRecordTooFarInThePastFailsNamingTheBound() {
        assertThat(TimestampValidator.check(batch(NOW_MS - 2 * HOUR_MS, NOW_MS), NOW_MS, HOUR_MS, HOUR_MS))
            .hasValueSatisfying(message -> assertThat(message).contains("message.timestamp.before.max.ms"));
    }

    @Test
    void theDefaultPastBoundNeverOverflows() {
        assertThat(TimestampValidator.check(batch(0L), NOW_MS, Long.MAX_VALUE, HOUR_MS)).isEmpty();
    }

    @Test
    void aMalformedBufferIsLeftToTheLogEngine() {
        ByteBuffer truncated = batch(NOW_MS + 10 * HOUR_MS);
        truncated.limit(truncated.limit() - 5);
        assertThat(TimestampValidator.check(truncated, NOW_MS, HOUR_MS, HOUR_MS)).isEmpty();
    }

    @Test
    void theBufferPositionIsNotMoved() {
        ByteBuffer buffer = batch(NOW_MS);
        int position = buffer.position();
        TimestampValidator.check(buffer, NOW_MS, HOUR_MS, HOUR_MS);
        assertThat(buffer.position()).isEqualTo(position);
    }
}
