package io.rafka.broker.group;

import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * Where the coordinator persists its records: the leader's log of its {@code __consumer_offsets}
 * partition. The coordinator answers a client only after the sink reports the records durable
 * (acks=all semantics), so a committed offset survives the coordinator's failure.
 */
public interface GroupRecordSink {

    /**
     * Appends the records and calls back exactly once, on the coordinator's thread, with
     * {@link Errors#NONE} or the append's error, and the time of the callback.
     */
    void append(List<GroupRecord> records, Callback callback);

    @FunctionalInterface
    interface Callback {
        void onComplete(Errors error, long nowMs);
    }
}
