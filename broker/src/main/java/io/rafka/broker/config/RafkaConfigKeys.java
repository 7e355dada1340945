package io.rafka.broker.config;

import static io.rafka.broker.config.ConfigValidators.listOf;
import static io.rafka.broker.config.ConfigValidators.nonBlank;
import static io.rafka.broker.config.ConfigValidators.nonEmptyListOf;
import static io.rafka.broker.config.ConfigValidators.nullOr;
import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.SHORT;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Every key Rafka reads: Kafka's name, type, default and validator wherever Kafka has the key, and
 * a one-line doc. Definition order is the order of the documented properties file.
 *
 * <p>Where Rafka's default differs from Kafka's, the doc says so: Rafka's defaults describe a
 * single-node cluster that starts with no configuration at all.
 *
 * <p>Immutable after class initialisation ({@link #DEFINITION} is never modified), thread-safe.
 */
public final class RafkaConfigKeys {

    private RafkaConfigKeys() {}

    // --- node and quorum
    public static final String NODE_ID = "node.id";
    public static final String PROCESS_ROLES = "process.roles";
    public static final String CONTROLLER_QUORUM_VOTERS = "controller.quorum.voters";
    public static final String CLUSTER_ID = "cluster.id";
    public static final String CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS = "controller.quorum.election.timeout.ms";
    public static final String METADATA_LOG_SNAPSHOT_INTERVAL_RECORDS = "metadata.log.snapshot.interval.records";
    public static final String METADATA_LOG_MAX_SNAPSHOT_INTERVAL_MS = "metadata.log.max.snapshot.interval.ms";
    public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    public static final String BROKER_HEARTBEAT_INTERVAL_MS = "broker.heartbeat.interval.ms";

    // --- network
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String CONTROLLER_LISTENER_NAMES = "controller.listener.names";
    public static final String LISTENER_SECURITY_PROTOCOL_MAP = "listener.security.protocol.map";
    public static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String CONNECTION_MAX_INFLIGHT_REQUESTS = "connection.max.inflight.requests";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";

    // --- topics and replication
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = "auto.leader.rebalance.enable";
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = "leader.imbalance.check.interval.seconds";
    public static final String LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = "leader.imbalance.per.broker.percentage";
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String NUM_REPLICA_FETCHERS = "num.replica.fetchers";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";

    // --- log
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
    public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";

    // --- consumer groups
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";

    private static final int MIB = 1024 * 1024;

    /** The definitions, in documentation order. Never modified after this initialiser. */
    static final ConfigDef DEFINITION = new ConfigDef()
        .define(NODE_ID, INT, 1, atLeast(0), HIGH,
            "Id of this node, unique in the cluster (Kafka requires it; Rafka defaults to 1 for a single node).")
        .define(PROCESS_ROLES, LIST, "broker,controller", nonEmptyListOf("broker", "controller"), HIGH,
            "Roles of this node: broker, controller or both (Rafka defaults to both: a combined single node).")
        .define(CONTROLLER_QUORUM_VOTERS, LIST, "", listOf(QuorumVoter::parse, "nodeId@host:port"), HIGH,
            "Metadata quorum voters as id@host:port; empty means this node alone forms the quorum.")
        .define(CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS, INT, 1000, atLeast(100), MEDIUM,
            "Quorum members wait this long (up to twice it, at random) without a leader before electing one; "
            + "a single voter elects itself at once.")
        .define(CLUSTER_ID, STRING, null, nullOr(nonBlank()), MEDIUM,
            "Cluster id; unset means generate one when the storage is formatted on first start.")
        .define(METADATA_LOG_SNAPSHOT_INTERVAL_RECORDS, LONG, 20_000L, atLeast(1), LOW,
            "Rafka: take a metadata snapshot after this many metadata log entries since the last one.")
        .define(METADATA_LOG_MAX_SNAPSHOT_INTERVAL_MS, LONG, 3_600_000L, atLeast(0), LOW,
            "Take a metadata snapshot at least this often if any entry was applied; 0 disables the time trigger.")
        .define(BROKER_SESSION_TIMEOUT_MS, INT, 9_000, atLeast(1), MEDIUM,
            "A broker whose heartbeats stop for this long is fenced (silent failures; closed sockets fence sooner).")
        .define(BROKER_HEARTBEAT_INTERVAL_MS, INT, 2_000, atLeast(1), MEDIUM,
            "How often a broker heartbeats to the active controller; must be below broker.session.timeout.ms.")

        .define(LISTENERS, LIST, "PLAINTEXT://localhost:9092", listOf(Endpoint::parse, "NAME://host:port"), HIGH,
            "Addresses to listen on; empty host = all interfaces, port 0 = ephemeral. Only PLAINTEXT is supported.")
        .define(ADVERTISED_LISTENERS, LIST, null, nullOr(listOf(Endpoint::parse, "NAME://host:port")), HIGH,
            "Addresses given to clients; unset means the same as listeners.")
        .define(CONTROLLER_LISTENER_NAMES, LIST, "", null, MEDIUM,
            "Listener names used by the controller quorum; those listeners are not served to Kafka clients.")
        .define(LISTENER_SECURITY_PROTOCOL_MAP, LIST,
            "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
            listOf(RafkaConfig::parseProtocolMapping, "LISTENER_NAME:PROTOCOL"), LOW,
            "Security protocol of each listener name; Rafka serves PLAINTEXT only.")
        .define(INTER_BROKER_LISTENER_NAME, STRING, null, null, LOW,
            "Listener brokers use among themselves; unset means the first client listener.")
        .define(NUM_NETWORK_THREADS, INT, 3, atLeast(1), MEDIUM,
            "Netty event-loop threads that read requests and write responses.")
        .define(NUM_IO_THREADS, INT, 8, atLeast(1), MEDIUM,
            "Request-handler threads: handlers run here, never on a network thread.")
        .define(SOCKET_REQUEST_MAX_BYTES, INT, 100 * MIB, atLeast(1), MEDIUM,
            "Largest request frame accepted; a larger (or negative) size closes that connection.")
        // 1 MiB, not Kafka's compiled-in 100 KiB: the value of Kafka's documented production
        // config. A fetch response carries up to 1 MiB per partition; with 100 KiB the network
        // thread must wake ~10 times per partition to refill the socket, and a busy one leaves the
        // consumer waiting (w4 in bench/: +17 % consumer throughput, 5 of 5 paired runs).
        .define(SOCKET_SEND_BUFFER_BYTES, INT, MIB, atLeast(-1), LOW,
            "SO_SNDBUF of client sockets; -1 means the OS default. Linux caps it at net.core.wmem_max.")
        .define(SOCKET_RECEIVE_BUFFER_BYTES, INT, 100 * 1024, atLeast(-1), LOW,
            "SO_RCVBUF of client sockets; -1 means the OS default.")
        .define(CONNECTION_MAX_INFLIGHT_REQUESTS, INT, 16, between(1, 10_000), LOW,
            "Rafka: requests one connection may have in flight before the server stops reading from it.")
        .define(CONNECTIONS_MAX_IDLE_MS, LONG, 600_000L, atLeast(1), LOW,
            "A connection with no traffic and nothing in flight for this long is closed.")

        .define(NUM_PARTITIONS, INT, 1, atLeast(1), MEDIUM,
            "Partitions of a topic created without an explicit count (auto-created or CreateTopics with -1).")
        .define(DEFAULT_REPLICATION_FACTOR, SHORT, (short) 1, atLeast(1), MEDIUM,
            "Replication factor of a topic created without an explicit one.")
        .define(MIN_INSYNC_REPLICAS, INT, 1, atLeast(1), HIGH,
            "Replicas that must be in sync for an acks=all produce to be accepted.")
        .define(UNCLEAN_LEADER_ELECTION_ENABLE, BOOLEAN, false, null, HIGH,
            "Elect an out-of-sync replica when no ISR member is alive, losing acknowledged writes (logged).")
        .define(AUTO_LEADER_REBALANCE_ENABLE, BOOLEAN, true, null, MEDIUM,
            "Move leadership back to the preferred (first) replica once it is in sync again.")
        .define(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, LONG, 300L, atLeast(1), LOW,
            "How often the controller checks for partitions not led by their preferred replica.")
        .define(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE, INT, 10, between(0, 100), LOW,
            "Per-broker share of non-preferred leaders above which a rebalance is triggered.")
        .define(REPLICA_LAG_TIME_MAX_MS, LONG, 30_000L, atLeast(1), HIGH,
            "A follower that has not caught up for this long is removed from the ISR.")
        .define(NUM_REPLICA_FETCHERS, INT, 1, atLeast(1), LOW,
            "Fetcher threads per source broker used by followers.")
        .define(REPLICA_FETCH_WAIT_MAX_MS, INT, 500, atLeast(0), MEDIUM,
            "Longest time a leader may hold a follower's fetch while it has no new data.")
        .define(REPLICA_FETCH_MIN_BYTES, INT, 1, atLeast(1), LOW,
            "Bytes a follower's fetch waits for before the leader answers (up to replica.fetch.wait.max.ms).")
        .define(REPLICA_FETCH_MAX_BYTES, INT, MIB, atLeast(0), MEDIUM,
            "Bytes a follower asks for per partition in one fetch (at least one batch is always returned).")
        .define(REPLICA_FETCH_RESPONSE_MAX_BYTES, INT, 10 * MIB, atLeast(0), MEDIUM,
            "Bytes a follower asks for in one fetch over all its partitions.")
        .define(REPLICA_FETCH_BACKOFF_MS, INT, 1000, atLeast(0), LOW,
            "Pause before a follower retries a partition (or a connection) that failed.")
        .define(REPLICA_SOCKET_TIMEOUT_MS, INT, 30_000, atLeast(1), LOW,
            "Connect and answer timeout of a follower's connection to its leader.")
        .define(AUTO_CREATE_TOPICS_ENABLE, BOOLEAN, true, null, MEDIUM,
            "Create a topic when a Metadata request names one that does not exist.")
        .define(MESSAGE_MAX_BYTES, INT, 1_048_588, atLeast(0), HIGH,
            "Largest record batch accepted, after compression.")

        .define(LOG_DIRS, LIST, null, nullOr(listOf(ConfigValidators::requireNonBlank, "directories")), HIGH,
            "Directories holding partition data and metadata; unset means log.dir.")
        .define(LOG_DIR, STRING, "./data", nonBlank(), HIGH,
            "Data directory used when log.dirs is unset (Rafka's default is ./data).")
        .define(LOG_SEGMENT_BYTES, INT, 1024 * MIB, atLeast(MIB), MEDIUM,
            "A log segment rolls once it reaches this size.")
        .define(LOG_ROLL_MS, LONG, null, nullOr(atLeast(1)), LOW,
            "A log segment rolls once it is this old; overrides log.roll.hours.")
        .define(LOG_ROLL_HOURS, INT, 168, atLeast(1), LOW,
            "A log segment rolls once it is this many hours old.")
        .define(LOG_RETENTION_MS, LONG, null, null, HIGH,
            "Delete segments older than this; -1 keeps them forever; overrides minutes and hours.")
        .define(LOG_RETENTION_MINUTES, INT, null, null, LOW,
            "Retention in minutes; overrides log.retention.hours.")
        .define(LOG_RETENTION_HOURS, INT, 168, null, HIGH,
            "Retention in hours, used when neither log.retention.ms nor log.retention.minutes is set.")
        .define(LOG_RETENTION_BYTES, LONG, -1L, null, MEDIUM,
            "Delete old segments while a partition is larger than this; -1 means no size limit.")
        .define(LOG_RETENTION_CHECK_INTERVAL_MS, LONG, 300_000L, atLeast(1), LOW,
            "How often retention is enforced.")
        .define(LOG_INDEX_INTERVAL_BYTES, INT, 4096, atLeast(0), LOW,
            "Bytes of log between two entries of the sparse offset index.")
        .define(LOG_INDEX_SIZE_MAX_BYTES, INT, 10 * MIB, atLeast(4), LOW,
            "Largest offset/time index file; a segment rolls when its index is full.")
        .define(LOG_FLUSH_INTERVAL_MESSAGES, LONG, Long.MAX_VALUE, atLeast(1), LOW,
            "fsync a partition after this many appended records (default: leave it to the OS and replication).")
        .define(LOG_FLUSH_INTERVAL_MS, LONG, null, nullOr(atLeast(0)), LOW,
            "fsync a partition whose oldest unflushed record is this old; unset means never on a timer.")
        .define(LOG_MESSAGE_TIMESTAMP_TYPE, STRING, "CreateTime", ValidString.in("CreateTime", "LogAppendTime"), MEDIUM,
            "Timestamp stored with records: the producer's (CreateTime) or the broker's at append (LogAppendTime).")

        .define(OFFSETS_TOPIC_NUM_PARTITIONS, INT, 50, atLeast(1), MEDIUM,
            "Partitions of __consumer_offsets (fixed once the topic exists).")
        .define(OFFSETS_TOPIC_REPLICATION_FACTOR, SHORT, (short) 1, atLeast(1), MEDIUM,
            "Replication factor of __consumer_offsets (Kafka's default is 3; Rafka's 1 lets one node serve groups).")
        .define(OFFSETS_RETENTION_MINUTES, INT, 10_080, atLeast(1), LOW,
            "Committed offsets of an empty group are kept this long.")
        .define(GROUP_MIN_SESSION_TIMEOUT_MS, INT, 6_000, atLeast(1), MEDIUM,
            "Smallest session.timeout.ms a consumer may ask for.")
        .define(GROUP_MAX_SESSION_TIMEOUT_MS, INT, 1_800_000, atLeast(1), MEDIUM,
            "Largest session.timeout.ms a consumer may ask for.")
        .define(GROUP_INITIAL_REBALANCE_DELAY_MS, INT, 3_000, atLeast(0), MEDIUM,
            "How long a new group waits for more members before its first rebalance.");
}
