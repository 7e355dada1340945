package io.rafka.cli.topics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * One partition as {@code rafka topics describe} shows it; also its JSON form.
 *
 * @param leader the leading broker, empty when the partition is offline
 * @param preferredLeader the first assigned replica, where leadership returns after a failure
 * @param recordsLostToUncleanElection offsets discarded by unclean elections, or null when the
 *     broker does not report it
 */
public record PartitionView(
        String topic,
        int partition,
        Integer leader,
        List<Integer> replicas,
        Integer preferredLeader,
        List<Integer> isr,
        boolean offline,
        boolean underReplicated,
        Long recordsLostToUncleanElection) {

    static PartitionView of(String topic, TopicPartitionInfo info, OptionalLong recordsLost) {
        List<Integer> replicas = info.replicas().stream().map(Node::id).toList();
        List<Integer> isr = info.isr().stream().map(Node::id).toList();
        Optional<Integer> leader = Optional.ofNullable(info.leader()).filter(node -> !node.isEmpty()).map(Node::id);
        return new PartitionView(topic, info.partition(), leader.orElse(null), replicas,
                replicas.isEmpty() ? null : replicas.get(0), isr,
                leader.isEmpty(), isr.size() < replicas.size(),
                recordsLost.isPresent() ? recordsLost.getAsLong() : null);
    }

    /** Replicas in assignment order, the preferred leader marked with '*': {@code 1*,2,3}. */
    String replicasMarked() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < replicas.size(); i++) {
            text.append(i == 0 ? "" : ",").append(replicas.get(i)).append(i == 0 ? "*" : "");
        }
        return text.toString();
    }

    /** "offline", "under-replicated", both, or "ok"; plus "not-preferred" when another replica leads. */
    String status() {
        StringBuilder text = new StringBuilder();
        if (offline) {
            text.append("offline");
        }
        if (underReplicated) {
            text.append(text.isEmpty() ? "" : ",").append("under-replicated");
        }
        if (leader != null && !leader.equals(preferredLeader)) {
            text.append(text.isEmpty() ? "" : ",").append("not-preferred");
        }
        return text.isEmpty() ? "ok" : text.toString();
    }

    String isrJoined() {
        return isr.isEmpty() ? "-" : String.join(",", isr.stream().map(String::valueOf).toList());
    }
}
