package io.rafka.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesNameHostPort() {
        assertThat(Endpoint.parse("plaintext://broker-1:9092")).isEqualTo(new Endpoint("PLAINTEXT", "broker-1", 9092));
        assertThat(Endpoint.parse("PLAINTEXT://:0")).isEqualTo(new Endpoint("PLAINTEXT", "", 0));
        assertThat(Endpoint.parse("PLAINTEXT://[::1]:9092")).isEqualTo(new Endpoint("PLAINTEXT", "::1", 9092));
    }

    @Test
    void printsBackWhatItParsed() {
        for (String text : new String[] {"PLAINTEXT://broker-1:9092", "PLAINTEXT://:0", "PLAINTEXT://[::1]:9092"}) {
            assertThat(Endpoint.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void rejectsWhatIsNotAnEndpoint() {
        assertThatThrownBy(() -> Endpoint.parse("localhost:9092")).hasMessageContaining("NAME://host:port");
        assertThatThrownBy(() -> Endpoint.parse("PLAINTEXT://localhost")).hasMessageContaining("port");
        assertThatThrownBy(() -> Endpoint.parse("PLAINTEXT://localhost:x")).hasMessageContaining("number");
        assertThatThrownBy(() -> Endpoint.parse("PLAIN-TEXT://localhost:1")).hasMessageContaining("listener name");
    }

    @Test
    void parsesVoters() {
        assertThat(QuorumVoter.parse("3@node-3:9093")).isEqualTo(new QuorumVoter(3, "node-3", 9093));
        assertThatThrownBy(() -> QuorumVoter.parse("node-3:9093")).hasMessageContaining("nodeId@host:port");
        assertThatThrownBy(() -> QuorumVoter.parse("-1@h:1")).hasMessageContaining(">= 0");
    }
}
