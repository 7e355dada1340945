package io.rafka.broker.handler.data;

import io.rafka.log.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/**
 * One partition of a Fetch request, resolved against the metadata image.
 *
 * @param topicName          as the request named it (null in v13+ requests that use ids)
 * @param topicId            as the request named it ({@link Uuid#ZERO_UUID} before v13)
 * @param tp                 the resolved partition; null when {@code resolveError} is set
 * @param resolveError       UNKNOWN_TOPIC_ID / UNKNOWN_TOPIC_OR_PARTITION, else NONE
 * @param fetchOffset        where to start reading
 * @param partitionMaxBytes  the client's per-partition limit
 * @param currentLeaderEpoch the client's leader epoch (KIP-320), -1 when unknown
 * @param lastFetchedEpoch   a follower's latest epoch (KIP-320 divergence check), -1 when none or a consumer
 *
 * <p>Immutable, thread-safe.
 */
record PartitionFetch(String topicName, Uuid topicId, int partitionIndex, TopicPartition tp, Errors resolveError,
                      long fetchOffset, int partitionMaxBytes, int currentLeaderEpoch,
                      int lastFetchedEpoch) {}
