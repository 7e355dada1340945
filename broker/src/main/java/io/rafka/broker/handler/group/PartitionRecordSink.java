package io.rafka.broker.handler.group;

import io.rafka.broker.group.GroupRecord;
import io.rafka.broker.group.GroupRecordSink;
import io.rafka.common.Time;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link GroupRecordSink} of one coordinator core: encodes the records as one batch, appends it to the core's
 * {@code __consumer_offsets} partition through the {@link OffsetsTopicAppender}, and hops the answer back to the
 * coordinator thread, as the sink's contract requires.
 *
 * <p>Thread-safe: {@link #append} runs on the coordinator thread; the append's completion may come on any
 * thread and only submits to the coordinator executor.
 */
final class PartitionRecordSink implements GroupRecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRecordSink.class);

    private final int partition;
    private final OffsetsTopicAppender appender;
    private final Executor coordinatorThread;
    private final Time time;
    private final BooleanSupplier stillOwner;
    private final Runnable afterCallback;

    /**
     * @param stillOwner true while the core is the shell's current one for this partition (read on the
     *     coordinator thread); a core that lost its partition must not write into the new owner's log
     * @param afterCallback runs on the coordinator thread after each callback (the shell reschedules the core's
     *     tick: a callback can change deadlines)
     */
    PartitionRecordSink(int partition, OffsetsTopicAppender appender, Executor coordinatorThread, Time time,
                        BooleanSupplier stillOwner, Runnable afterCallback) {
        this.partition = partition;
        this.appender = appender;
        this.coordinatorThread = coordinatorThread;
        this.time = time;
        this.stillOwner = stillOwner;
        this.afterCallback = afterCallback;
    }

    @Override
    public void append(List<GroupRecord> records, Callback callback) {
        CompletableFuture<Errors> appended = startAppend(records);
        appended.whenComplete((error, failure) -> {
            Errors result = failure == null ? error : errorOf(failure);
            try {
                coordinatorThread.execute(() -> {
                    callback.onComplete(result, time.milliseconds());
                    afterCallback.run();
                });
            } catch (RejectedExecutionException e) {
                // The shell is closing: its clients' connections go with it.
                LOG.debug("Dropping the answer of an append to __consumer_offsets-{}: coordinator closed", partition);
            }
        });
    }

    private CompletableFuture<Errors> startAppend(List<GroupRecord> records) {
        if (!stillOwner.getAsBoolean()) {
            return CompletableFuture.completedFuture(Errors.NOT_COORDINATOR);
        }
        try {
            return appender.append(partition, GroupRecordBatches.encode(records, time.milliseconds()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Errors errorOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Errors error = Errors.forException(cause);
        if (error == Errors.UNKNOWN_SERVER_ERROR) {
            LOG.error("Append to __consumer_offsets-{} failed", partition, cause);
        }
        return error;
    }
}
