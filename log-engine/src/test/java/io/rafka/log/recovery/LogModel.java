package io.rafka.log.recovery;

import io.rafka.log.epoch.EpochEntry;
import io.rafka.log.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The simplest possible partition log: a list of batches (as stored bytes), a start offset, an
 * end offset and the leader-epoch history. The property test holds the real log to it after
 * every operation. Not thread-safe.
 */
final class LogModel {

    /** Every batch ever appended and not truncated, including those below the log start. */
    final List<ByteBuffer> batches = new ArrayList<>();
    final List<EpochEntry> epochs = new ArrayList<>();
    long logStartOffset;
    /** Log end offset when {@link #batches} is empty. */
    long emptyEndOffset;

    long logEndOffset() {
        return batches.isEmpty() ? emptyEndOffset : header(batches.get(batches.size() - 1)).nextOffset();
    }

    void append(ByteBuffer storedBatch) {
        batches.add(storedBatch);
    }

    /** Batches served by a read from the log start: those whose last offset is at or above it. */
    List<ByteBuffer> visibleBatches() {
        return batches.stream().filter(b -> header(b).lastOffset() >= logStartOffset).toList();
    }

    void assignEpoch(int epoch, long startOffset) {
        EpochEntry latest = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        if (latest != null && epoch <= latest.epoch()) {
            return;
        }
        if (latest != null && latest.startOffset() == startOffset) {
            epochs.remove(epochs.size() - 1);
        }
        epochs.add(new EpochEntry(epoch, startOffset));
    }

    /** Whole-batch truncation, as the log does it. */
    void truncateTo(long targetOffset) {
        if (targetOffset >= logEndOffset()) {
            // Kafka's rule: epochs starting at or past the target go even when no record does.
            truncateEpochsFromEnd(targetOffset);
            return;
        }
        long newEnd = logEndOffset();
        while (!batches.isEmpty() && header(batches.get(batches.size() - 1)).lastOffset() >= targetOffset) {
            newEnd = header(batches.remove(batches.size() - 1)).baseOffset();
        }
        emptyEndOffset = newEnd;
        truncateEpochsFromEnd(newEnd);
        logStartOffset = Math.min(logStartOffset, newEnd);
    }

    void deleteRecordsBefore(long offset) {
        if (offset > logStartOffset) {
            logStartOffset = offset;
            truncateEpochsFromStart(offset);
        }
    }

    void truncateFullyAndStartAt(long offset) {
        batches.clear();
        epochs.clear();
        emptyEndOffset = offset;
        logStartOffset = offset;
    }

    /** A crash kept the batches below {@code recoveredEnd}; the loader then restores the start offset. */
    void crashRecoveredTo(long recoveredEnd) {
        while (!batches.isEmpty() && header(batches.get(batches.size() - 1)).nextOffset() > recoveredEnd) {
            batches.remove(batches.size() - 1);
        }
        emptyEndOffset = recoveredEnd;
        if (logStartOffset > recoveredEnd) {
            batches.clear();
            emptyEndOffset = logStartOffset;
        }
        truncateEpochsFromEnd(logEndOffset());
        truncateEpochsFromStart(logStartOffset);
    }

    void truncateEpochsFromEnd(long endOffset) {
        epochs.removeIf(e -> e.startOffset() >= endOffset);
    }

    void truncateEpochsFromStart(long startOffset) {
        int covering = -1;
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).startOffset() <= startOffset) {
                covering = i;
            }
        }
        if (covering < 0) {
            return;
        }
        int epoch = epochs.get(covering).epoch();
        epochs.subList(0, covering + 1).clear();
        epochs.add(0, new EpochEntry(epoch, startOffset));
    }

    int latestEpoch() {
        return epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1).epoch();
    }

    /** Last sequence of producer {@code producerId} among the batches still in the log. */
    OptionalInt lastSequence(long producerId) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            RecordBatch header = header(batches.get(i));
            if (header.producerId() == producerId) {
                return OptionalInt.of(header.lastSequence());
            }
        }
        return OptionalInt.empty();
    }

    static RecordBatch header(ByteBuffer batch) {
        return RecordBatch.at(batch, 0);
    }
}
