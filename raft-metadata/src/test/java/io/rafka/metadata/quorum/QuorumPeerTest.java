package io.rafka.metadata.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuorumPeerTest {

    @Test
    void parsesKafkaStyleVoters() {
        assertThat(QuorumPeer.parseList("1@a:9093, 2@b.example:9094,3@[::1]:9095"))
            .containsExactly(new QuorumPeer(1, "a", 9093), new QuorumPeer(2, "b.example", 9094), new QuorumPeer(3, "::1", 9095));
        assertThat(QuorumPeer.parseList(" ")).isEmpty();
    }

    @Test
    void malformedVoterNamesTheEntry() {
        assertThatThrownBy(() -> QuorumPeer.parseList("1@a:9093,b:9094")).hasMessageContaining("'b:9094'");
    }
}
