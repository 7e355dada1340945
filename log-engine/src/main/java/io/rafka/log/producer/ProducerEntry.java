package io.rafka.log.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one producer id in one partition: its epoch and its last {@value #MAX_BATCHES}
 * batches, oldest first. Immutable: an update returns a new entry, so readers need no lock.
 *
 * @param batches at most {@value #MAX_BATCHES}, oldest first; empty right after an epoch bump
 *     only if nothing was written in the new epoch
 */
public record ProducerEntry(long producerId, short epoch, List<BatchMetadata> batches) {

    /** Kafka producers keep at most 5 requests in flight per connection, so 5 batches cover any retry. */
    public static final int MAX_BATCHES = 5;

    public ProducerEntry {
        batches = List.copyOf(batches);
    }

    public int lastSequence() {
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).lastSequence();
    }

    public long lastOffset() {
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).lastOffset();
    }

    public Optional<BatchMetadata> findDuplicate(short batchEpoch, int firstSequence, int lastSequence) {
        if (batchEpoch != epoch) {
            return Optional.empty();
        }
        return batches.stream()
                .filter(b -> b.firstSequence() == firstSequence && b.lastSequence() == lastSequence)
                .findFirst();
    }

    /** The entry after a batch of {@code batchEpoch}: a newer epoch forgets the older epoch's batches. */
    public ProducerEntry withBatch(short batchEpoch, BatchMetadata batch) {
        List<BatchMetadata> kept = new ArrayList<>(batchEpoch == epoch ? batches : List.of());
        kept.add(batch);
        if (kept.size() > MAX_BATCHES) {
            kept.remove(0);
        }
        return new ProducerEntry(producerId, batchEpoch, kept);
    }
}
