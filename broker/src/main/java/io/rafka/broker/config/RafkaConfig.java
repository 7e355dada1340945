package io.rafka.broker.config;

import static io.rafka.broker.config.RafkaConfigKeys.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's configuration, parsed from a {@code server.properties}-style file plus
 * {@code key=value} overrides, with Kafka's key names (see {@link RafkaConfigKeys}).
 *
 * <p>Parsing is all-or-nothing: an invalid value throws {@link InvalidConfigException} naming the key,
 * the value and what is expected; unknown keys are kept in {@link #unknownKeys()} and logged as
 * warnings, never fatal, so a Kafka user's file mostly just works.
 *
 * <p>Getters return derived values with units in their names, applying Kafka's precedence between
 * alternative keys (ms over minutes over hours; {@code log.dirs} over {@code log.dir}).
 *
 * <p>Immutable, thread-safe.
 */
public final class RafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(RafkaConfig.class);

    private static final long MS_PER_SECOND = 1_000L;
    private static final long MS_PER_MINUTE = 60 * MS_PER_SECOND;
    private static final long MS_PER_HOUR = 60 * MS_PER_MINUTE;

    /** Parsed value of every defined key (the default where unset); null where unset and no default. */
    private final Map<String, Object> values;
    /** Exactly what was given, known keys and unknown ones. */
    private final Map<String, String> originals;
    private final List<String> unknownKeys;
    private final List<Endpoint> listeners;
    private final List<Endpoint> advertisedListeners;
    private final List<QuorumVoter> quorumVoters;

    private RafkaConfig(Map<String, Object> values, Map<String, String> originals, List<String> unknownKeys) {
        this.values = values;
        this.originals = originals;
        this.unknownKeys = unknownKeys;
        this.listeners = parseEndpoints(getList(LISTENERS));
        List<String> advertised = getList(ADVERTISED_LISTENERS);
        this.advertisedListeners = advertised == null ? null : parseEndpoints(advertised);
        this.quorumVoters = getList(CONTROLLER_QUORUM_VOTERS).stream().map(QuorumVoter::parse).toList();
        CrossKeyChecks.check(this);
    }

    /** The configuration of a node started with no configuration at all: one node, localhost:9092, ./data. */
    public static RafkaConfig defaults() {
        return fromMap(Map.of());
    }

    /** Parses a properties file, then applies {@code key=value} overrides on top (later ones win). */
    public static RafkaConfig load(Path propertiesFile, List<String> overrides) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>(readPropertiesFile(propertiesFile));
        merged.putAll(parseOverrides(overrides));
        return fromMap(merged);
    }

    /** Parses already-read key/value pairs; unknown keys are logged and kept in {@link #unknownKeys()}. */
    public static RafkaConfig fromMap(Map<String, String> properties) {
        Map<String, Object> parsed = ConfigParsing.parseKnownKeys(properties);
        List<String> unknown = ConfigParsing.unknownKeys(properties);
        for (String key : unknown) {
            log.warn("Unknown configuration '{}' is ignored", key);
        }
        return new RafkaConfig(parsed, Collections.unmodifiableMap(new LinkedHashMap<>(properties)), unknown);
    }

    public static Map<String, String> readPropertiesFile(Path propertiesFile) throws IOException {
        return ConfigParsing.readPropertiesFile(propertiesFile);
    }

    /** Parses {@code key=value} strings, as given on a command line. */
    public static Map<String, String> parseOverrides(List<String> overrides) {
        return ConfigParsing.parseOverrides(overrides);
    }

    /** Parses one {@code listener.security.protocol.map} entry into {name, protocol}, upper-case. */
    static String[] parseProtocolMapping(String entry) {
        String[] parts = entry.trim().split(":");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("expected LISTENER_NAME:PROTOCOL, got '" + entry + "'");
        }
        return new String[] {parts[0].trim().toUpperCase(Locale.ROOT), parts[1].trim().toUpperCase(Locale.ROOT)};
    }

    private static List<Endpoint> parseEndpoints(List<String> entries) {
        return entries.stream().map(Endpoint::parse).toList();
    }

    /**
     * Renders every key with its default and a one-line comment, in the format of
     * {@code server.properties}: the documented single-node configuration.
     */
    public static String documentedProperties() {
        return DocumentedProperties.render(RafkaConfigKeys.DEFINITION);
    }

    // --- raw access

    /** Keys given that Rafka does not read, sorted. They were logged as warnings when parsed. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    /** Everything given, as written, including unknown keys. */
    public Map<String, String> originals() {
        return originals;
    }

    private int getInt(String key) {
        return (Integer) values.get(key);
    }

    private long getLong(String key) {
        return (Long) values.get(key);
    }

    private boolean getBoolean(String key) {
        return (Boolean) values.get(key);
    }

    private String getString(String key) {
        return (String) values.get(key);
    }

    @SuppressWarnings("unchecked")
    private List<String> getList(String key) {
        return (List<String>) values.get(key);
    }

    // --- node and quorum

    public int nodeId() {
        return getInt(NODE_ID);
    }

    public Set<ProcessRole> processRoles() {
        Set<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
        for (String role : getList(PROCESS_ROLES)) {
            roles.add(ProcessRole.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        return Collections.unmodifiableSet(roles);
    }

    public boolean isController() {
        return processRoles().contains(ProcessRole.CONTROLLER);
    }

    public boolean isBroker() {
        return processRoles().contains(ProcessRole.BROKER);
    }

    /** Configured voters; empty means this node alone forms the quorum. */
    public List<QuorumVoter> quorumVoters() {
        return quorumVoters;
    }

    public int controllerQuorumElectionTimeoutMs() {
        return getInt(CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS);
    }

    public Optional<String> clusterId() {
        return Optional.ofNullable(getString(CLUSTER_ID));
    }

    public long metadataSnapshotIntervalRecords() {
        return getLong(METADATA_LOG_SNAPSHOT_INTERVAL_RECORDS);
    }

    public long metadataMaxSnapshotIntervalMs() {
        return getLong(METADATA_LOG_MAX_SNAPSHOT_INTERVAL_MS);
    }

    public int brokerSessionTimeoutMs() {
        return getInt(BROKER_SESSION_TIMEOUT_MS);
    }

    public int brokerHeartbeatIntervalMs() {
        return getInt(BROKER_HEARTBEAT_INTERVAL_MS);
    }

    // --- network

    /** Every configured listener, controller ones included. */
    public List<Endpoint> listeners() {
        return listeners;
    }

    /** Listeners that serve Kafka clients: all but those named in {@code controller.listener.names}. */
    public List<Endpoint> clientListeners() {
        Set<String> controllerNames = controllerListenerNames();
        return listeners.stream().filter(e -> !controllerNames.contains(e.listenerName())).toList();
    }

    /**
     * What clients are told to connect to: {@code advertised.listeners}, or the client listeners when
     * unset. NB: a listener with port 0 is advertised with port 0; the node assembly must substitute
     * the bound port (see {@code KafkaServer.boundPort}).
     */
    public List<Endpoint> advertisedListeners() {
        return advertisedListeners != null ? advertisedListeners : clientListeners();
    }

    public Set<String> controllerListenerNames() {
        Set<String> names = new HashSet<>();
        for (String name : getList(CONTROLLER_LISTENER_NAMES)) {
            names.add(name.trim().toUpperCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(names);
    }

    /** Listener name to security protocol name, upper-case. */
    public Map<String, String> listenerSecurityProtocols() {
        Map<String, String> protocols = new HashMap<>();
        for (String entry : getList(LISTENER_SECURITY_PROTOCOL_MAP)) {
            String[] mapping = parseProtocolMapping(entry);
            protocols.put(mapping[0], mapping[1]);
        }
        return Collections.unmodifiableMap(protocols);
    }

    public Optional<String> interBrokerListenerName() {
        return Optional.ofNullable(getString(INTER_BROKER_LISTENER_NAME)).map(n -> n.toUpperCase(Locale.ROOT));
    }

    public int numNetworkThreads() {
        return getInt(NUM_NETWORK_THREADS);
    }

    public int numIoThreads() {
        return getInt(NUM_IO_THREADS);
    }

    public int socketRequestMaxBytes() {
        return getInt(SOCKET_REQUEST_MAX_BYTES);
    }

    /** -1 means the OS default. */
    public int socketSendBufferBytes() {
        return getInt(SOCKET_SEND_BUFFER_BYTES);
    }

    /** -1 means the OS default. */
    public int socketReceiveBufferBytes() {
        return getInt(SOCKET_RECEIVE_BUFFER_BYTES);
    }

    public int connectionMaxInflightRequests() {
        return getInt(CONNECTION_MAX_INFLIGHT_REQUESTS);
    }

    public long connectionsMaxIdleMs() {
        return getLong(CONNECTIONS_MAX_IDLE_MS);
    }

    // --- topics and replication

    public int numPartitions() {
        return getInt(NUM_PARTITIONS);
    }

    public short defaultReplicationFactor() {
        return (Short) values.get(DEFAULT_REPLICATION_FACTOR);
    }

    public int minInsyncReplicas() {
        return getInt(MIN_INSYNC_REPLICAS);
    }

    public boolean uncleanLeaderElectionEnable() {
        return getBoolean(UNCLEAN_LEADER_ELECTION_ENABLE);
    }

    public boolean autoLeaderRebalanceEnable() {
        return getBoolean(AUTO_LEADER_REBALANCE_ENABLE);
    }

    public long leaderImbalanceCheckIntervalMs() {
        return getLong(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS) * MS_PER_SECOND;
    }

    public int leaderImbalancePerBrokerPercentage() {
        return getInt(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE);
    }

    public long replicaLagTimeMaxMs() {
        return getLong(REPLICA_LAG_TIME_MAX_MS);
    }

    public int replicaFetchWaitMaxMs() {
        return getInt(REPLICA_FETCH_WAIT_MAX_MS);
    }

    public int replicaFetchMinBytes() {
        return getInt(REPLICA_FETCH_MIN_BYTES);
    }

    public int replicaFetchMaxBytes() {
        return getInt(REPLICA_FETCH_MAX_BYTES);
    }

    public int replicaFetchResponseMaxBytes() {
        return getInt(REPLICA_FETCH_RESPONSE_MAX_BYTES);
    }

    public long replicaFetchBackoffMs() {
        return getInt(REPLICA_FETCH_BACKOFF_MS);
    }

    public int replicaSocketTimeoutMs() {
        return getInt(REPLICA_SOCKET_TIMEOUT_MS);
    }

    public int numReplicaFetchers() {
        return getInt(NUM_REPLICA_FETCHERS);
    }

    public boolean autoCreateTopicsEnable() {
        return getBoolean(AUTO_CREATE_TOPICS_ENABLE);
    }

    public int messageMaxBytes() {
        return getInt(MESSAGE_MAX_BYTES);
    }

    // --- log

    /** {@code log.dirs} when set, else {@code log.dir}. */
    public List<Path> logDirs() {
        List<String> dirs = getList(LOG_DIRS);
        if (dirs == null) {
            return List.of(Path.of(getString(LOG_DIR).trim()));
        }
        return dirs.stream().map(d -> Path.of(d.trim())).toList();
    }

    public int segmentBytes() {
        return getInt(LOG_SEGMENT_BYTES);
    }

    /** {@code log.roll.ms} when set, else {@code log.roll.hours}. */
    public long segmentMs() {
        Object rollMs = values.get(LOG_ROLL_MS);
        return rollMs != null ? (Long) rollMs : getInt(LOG_ROLL_HOURS) * MS_PER_HOUR;
    }

    /**
     * Kafka's precedence: {@code log.retention.ms}, else {@code .minutes}, else {@code .hours};
     * any negative result means "keep forever" and is reported as -1.
     */
    public long retentionMs() {
        Object ms = values.get(LOG_RETENTION_MS);
        Object minutes = values.get(LOG_RETENTION_MINUTES);
        long retentionMs;
        if (ms != null) {
            retentionMs = (Long) ms;
        } else if (minutes != null) {
            retentionMs = (Integer) minutes * MS_PER_MINUTE;
        } else {
            retentionMs = getInt(LOG_RETENTION_HOURS) * MS_PER_HOUR;
        }
        return retentionMs < 0 ? -1 : retentionMs;
    }

    /** -1 means no size limit. */
    public long retentionBytes() {
        return getLong(LOG_RETENTION_BYTES);
    }

    public long retentionCheckIntervalMs() {
        return getLong(LOG_RETENTION_CHECK_INTERVAL_MS);
    }

    public int indexIntervalBytes() {
        return getInt(LOG_INDEX_INTERVAL_BYTES);
    }

    /** Kafka's {@code log.index.size.max.bytes}: the largest offset or time index file of a segment. */
    public int segmentIndexBytes() {
        return getInt(LOG_INDEX_SIZE_MAX_BYTES);
    }

    public long flushIntervalMessages() {
        return getLong(LOG_FLUSH_INTERVAL_MESSAGES);
    }

    /** {@link Long#MAX_VALUE} when unset: no time-based flush. */
    public long flushIntervalMs() {
        Object ms = values.get(LOG_FLUSH_INTERVAL_MS);
        return ms != null ? (Long) ms : Long.MAX_VALUE;
    }

    public TimestampType messageTimestampType() {
        return getString(LOG_MESSAGE_TIMESTAMP_TYPE).equals("LogAppendTime")
            ? TimestampType.LOG_APPEND_TIME
            : TimestampType.CREATE_TIME;
    }

    // --- consumer groups

    public int offsetsTopicNumPartitions() {
        return getInt(OFFSETS_TOPIC_NUM_PARTITIONS);
    }

    public short offsetsTopicReplicationFactor() {
        return (Short) values.get(OFFSETS_TOPIC_REPLICATION_FACTOR);
    }

    public long offsetsRetentionMs() {
        return getInt(OFFSETS_RETENTION_MINUTES) * MS_PER_MINUTE;
    }

    public int groupMinSessionTimeoutMs() {
        return getInt(GROUP_MIN_SESSION_TIMEOUT_MS);
    }

    public int groupMaxSessionTimeoutMs() {
        return getInt(GROUP_MAX_SESSION_TIMEOUT_MS);
    }

    public int groupInitialRebalanceDelayMs() {
        return getInt(GROUP_INITIAL_REBALANCE_DELAY_MS);
    }

    /** The value as given for {@code key}, for error messages that must quote the operator's text. */
    String originalOrDefault(String key) {
        String original = originals.get(key);
        return original != null ? original : ConfigDef.convertToString(values.get(key),
            RafkaConfigKeys.DEFINITION.configKeys().get(key).type);
    }

    @Override
    public String toString() {
        return "RafkaConfig" + originals;
    }
}
