package io.rafka.log.producer;

import io.rafka.log.InvalidProducerEpochException;
import io.rafka.log.OutOfOrderSequenceException;
import io.rafka.log.record.RecordBatch;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-partition idempotent-producer state: for each producer id its epoch and last 5 batches.
 * The leader uses it to drop retried batches (answering with the original offsets) and to reject
 * sequence gaps and fenced epochs; followers and recovery only replay batches into it.
 *
 * <p>Thread-safety: mutators run under the owning log's lock; entries are immutable and held in a
 * concurrent map, so {@link #entry} may be called from any thread.
 */
public final class ProducerStateManager {

    private final Map<Long, ProducerEntry> entries = new ConcurrentHashMap<>();

    public Optional<ProducerEntry> entry(long producerId) {
        return Optional.ofNullable(entries.get(producerId));
    }

    public Collection<ProducerEntry> entries() {
        return List.copyOf(entries.values());
    }

    public void clear() {
        entries.clear();
    }

    public void load(Collection<ProducerEntry> loaded) {
        entries.clear();
        loaded.forEach(e -> entries.put(e.producerId(), e));
    }

    /**
     * Checks a leader append's batches in order against the current state and each other.
     *
     * @return the stored batch if the first idempotent batch that is a retry of one of the last
     *     5 batches; empty if the append is new
     * @throws InvalidProducerEpochException if a batch comes from an epoch older than the known one
     * @throws OutOfOrderSequenceException if a batch's base sequence does not follow the last one
     */
    public Optional<BatchMetadata> validateLeaderAppend(List<RecordBatch> batches) {
        Map<Long, ProducerEntry> pending = new HashMap<>();
        for (RecordBatch batch : batches) {
            if (!batch.hasProducerId() || batch.isControl()) {
                continue;
            }
            long producerId = batch.producerId();
            ProducerEntry current = pending.containsKey(producerId) ? pending.get(producerId) : entries.get(producerId);
            if (current != null) {
                Optional<BatchMetadata> duplicate = current.findDuplicate(batch.producerEpoch(), batch.baseSequence(),
                        batch.lastSequence());
                if (duplicate.isPresent()) {
                    return duplicate;
                }
                checkEpochAndSequence(current, batch);
            }
            // Offsets are not known yet; the placeholder only carries the sequences for later batches.
            BatchMetadata placeholder = new BatchMetadata(batch.baseSequence(), batch.lastSequence(), -1, -1, -1);
            ProducerEntry base = current != null ? current : new ProducerEntry(producerId, batch.producerEpoch(), List.of());
            pending.put(producerId, base.withBatch(batch.producerEpoch(), placeholder));
        }
        return Optional.empty();
    }

    private static void checkEpochAndSequence(ProducerEntry current, RecordBatch batch) {
        short batchEpoch = batch.producerEpoch();
        if (batchEpoch < current.epoch()) {
            throw new InvalidProducerEpochException("producer " + current.producerId() + " epoch " + batchEpoch
                    + " is older than the current epoch " + current.epoch());
        }
        if (batchEpoch > current.epoch()) {
            if (batch.baseSequence() != 0) {
                throw new OutOfOrderSequenceException("producer " + current.producerId() + " new epoch " + batchEpoch
                        + " must start at sequence 0, got " + batch.baseSequence());
            }
            return;
        }
        int lastSequence = current.lastSequence();
        boolean inSequence = lastSequence == -1 || batch.baseSequence() == RecordBatch.incrementSequence(lastSequence, 1);
        if (!inSequence) {
            throw new OutOfOrderSequenceException("producer " + current.producerId() + " epoch " + batchEpoch
                    + " sent sequence " + batch.baseSequence() + " after " + lastSequence);
        }
    }

    /** Records a batch that is now in the log (offsets assigned). No validation: leader checks came first. */
    public void update(RecordBatch batch) {
        if (!batch.hasProducerId() || batch.isControl()) {
            return;
        }
        BatchMetadata metadata = new BatchMetadata(batch.baseSequence(), batch.lastSequence(), batch.baseOffset(),
                batch.lastOffset(), batch.maxTimestamp());
        entries.compute(batch.producerId(), (id, current) -> current == null
                ? new ProducerEntry(id, batch.producerEpoch(), List.of(metadata))
                : current.withBatch(batch.producerEpoch(), metadata));
    }
}
