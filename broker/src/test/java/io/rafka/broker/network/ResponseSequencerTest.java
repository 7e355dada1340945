package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ResponseSequencerTest {

    @Test
    void aLaterCompletionWaitsForTheEarlierOne() {
        ResponseSequencer<String> sequencer = new ResponseSequencer<>();
        long first = sequencer.append();
        long second = sequencer.append();
        sequencer.complete(second, "b");
        assertThat(sequencer.pollReady()).isNull();
        assertThat(sequencer.inFlight()).isEqualTo(2);
        sequencer.complete(first, "a");
        assertThat(sequencer.pollReady()).isEqualTo("a");
        assertThat(sequencer.pollReady()).isEqualTo("b");
        assertThat(sequencer.pollReady()).isNull();
        assertThat(sequencer.inFlight()).isZero();
    }

    @Test
    void completingTwiceIsABug() {
        ResponseSequencer<String> sequencer = new ResponseSequencer<>();
        long sequence = sequencer.append();
        sequencer.append();
        sequencer.complete(sequence, "a");
        assertThatThrownBy(() -> sequencer.complete(sequence, "again")).isInstanceOf(Checks.InvariantViolation.class);
    }

    @Test
    void completingAnUnknownOrReleasedSequenceIsABug() {
        ResponseSequencer<String> sequencer = new ResponseSequencer<>();
        long sequence = sequencer.append();
        sequencer.complete(sequence, "a");
        sequencer.pollReady();
        assertThatThrownBy(() -> sequencer.complete(sequence, "late")).isInstanceOf(Checks.InvariantViolation.class);
        assertThatThrownBy(() -> sequencer.complete(5, "future")).isInstanceOf(Checks.InvariantViolation.class);
    }

    /** Any completion order releases exactly 0..n-1 in order, and nothing before its predecessors. */
    @Property(tries = 200)
    void releasesInRequestOrderWhateverTheCompletionOrder(@ForAll @IntRange(min = 1, max = 64) int requests,
                                                         @ForAll long shuffleSeed) {
        ResponseSequencer<Long> sequencer = new ResponseSequencer<>();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sequences.add(sequencer.append());
        }
        Collections.shuffle(sequences, new Random(shuffleSeed));
        List<Long> released = new ArrayList<>();
        for (long sequence : sequences) {
            sequencer.complete(sequence, sequence);
            Long next;
            while ((next = sequencer.pollReady()) != null) {
                released.add(next);
            }
            assertThat(sequencer.inFlight()).isEqualTo(requests - released.size());
        }
        assertThat(released).hasSize(requests).isSorted();
        assertThat(released.get(requests - 1)).isEqualTo(requests - 1L);
    }
}
