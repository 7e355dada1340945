package io.rafka.cli.topics;

import io.rafka.cli.support.ClusterSession;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where {@code rafka topics describe} learns how many records unclean elections cost each
 * partition. Pluggable because the Kafka protocol has no field for it: a partition missing from
 * the answer shows "-".
 *
 * <p>Implementations must not fail the describe: a broker that cannot answer reports nothing.
 */
public interface UncleanLossSource {

    /** Records lost per partition of {@code topics}, only for partitions the cluster reports. */
    Map<TopicPartition, Long> recordsLost(ClusterSession session, Collection<String> topics);

    /** Reports nothing: the column shows "-" everywhere. */
    UncleanLossSource NONE = (session, topics) -> Map.of();
}
