package io.rafka.broker.replica;

import io.rafka.broker.config.RafkaConfig;
import java.util.Optional;

/**
 * How this broker's replica fetchers behave, from Kafka's {@code replica.*} keys.
 *
 * @param localBrokerId      this broker: the replica id every fetch names
 * @param numFetchers        {@code num.replica.fetchers}: threads (and connections) per source broker
 * @param maxWaitMs          {@code replica.fetch.wait.max.ms}: how long the leader may park a fetch
 * @param minBytes           {@code replica.fetch.min.bytes}
 * @param responseMaxBytes   {@code replica.fetch.response.max.bytes}
 * @param partitionMaxBytes  {@code replica.fetch.max.bytes}
 * @param backoffMs          {@code replica.fetch.backoff.ms}: pause after an error, per partition or connection
 * @param socketTimeoutMs    {@code replica.socket.timeout.ms}: connect and answer timeout
 * @param listenerName       the leader listener to fetch from ({@code inter.broker.listener.name}); empty = its first
 *
 * <p>Immutable, thread-safe.
 */
public record FetcherSettings(int localBrokerId, int numFetchers, int maxWaitMs, int minBytes, int responseMaxBytes,
                              int partitionMaxBytes, long backoffMs, int socketTimeoutMs,
                              Optional<String> listenerName) {

    public static FetcherSettings from(RafkaConfig config) {
        return new FetcherSettings(config.nodeId(), config.numReplicaFetchers(), config.replicaFetchWaitMaxMs(),
            config.replicaFetchMinBytes(), config.replicaFetchResponseMaxBytes(), config.replicaFetchMaxBytes(),
            config.replicaFetchBackoffMs(), config.replicaSocketTimeoutMs(), config.interBrokerListenerName());
    }
}
