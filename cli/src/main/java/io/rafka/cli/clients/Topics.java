package io.rafka.cli.clients;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import java.util.List;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Looks a topic up before producing or consuming, so an unknown topic fails at once with its name
 * instead of a metadata timeout that blames the network.
 *
 * <p>Thread-safety: stateless.
 */
final class Topics {

    private Topics() {}

    static TopicDescription describe(CliEnvironment environment, ClusterOptions cluster, String topic) {
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            return session.await(session.admin().describeTopics(List.of(topic)).allTopicNames(), "topic " + topic)
                    .get(topic);
        }
    }
}
