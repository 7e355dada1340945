package io.rafka.broker.handler.admin;

import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.BOOLEAN;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.INT;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.LIST;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.LONG;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.SHORT;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.STRING;

import io.rafka.broker.config.RafkaConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.record.TimestampType;

/**
 * The topic and broker keys DescribeConfigs reports, with where their defaults come from. Topic keys are the
 * ones Rafka's log and controller honour; each names the broker key that gives its default, as Kafka does.
 *
 * <p>NB: the broker list is the keys an operator most often inspects, not every key of
 * {@code RafkaConfigKeys}: that definition is package-private in {@code io.rafka.broker.config}.
 *
 * <p>Immutable, thread-safe.
 */
final class ConfigCatalog {

    static final List<ConfigEntryDef> TOPIC = List.of(
            ConfigEntryDef.topic("cleanup.policy", "log.cleanup.policy", LIST,
                    c -> c.originals().getOrDefault("log.cleanup.policy", "delete")),
            ConfigEntryDef.topic("compression.type", "compression.type", STRING,
                    c -> c.originals().getOrDefault("compression.type", "producer")),
            ConfigEntryDef.topic("flush.messages", "log.flush.interval.messages", LONG,
                    c -> Long.toString(c.flushIntervalMessages())),
            ConfigEntryDef.topic("flush.ms", "log.flush.interval.ms", LONG, c -> Long.toString(c.flushIntervalMs())),
            ConfigEntryDef.topic("index.interval.bytes", "log.index.interval.bytes", INT,
                    c -> Integer.toString(c.indexIntervalBytes())),
            ConfigEntryDef.topic("max.message.bytes", "message.max.bytes", INT,
                    c -> Integer.toString(c.messageMaxBytes())),
            ConfigEntryDef.topic("message.timestamp.type", "log.message.timestamp.type", STRING,
                    c -> c.messageTimestampType() == TimestampType.LOG_APPEND_TIME ? "LogAppendTime" : "CreateTime"),
            ConfigEntryDef.topic("min.insync.replicas", "min.insync.replicas", INT,
                    c -> Integer.toString(c.minInsyncReplicas())),
            ConfigEntryDef.topic("retention.bytes", "log.retention.bytes", LONG,
                    c -> Long.toString(c.retentionBytes())),
            ConfigEntryDef.topic("retention.ms", "log.retention.ms", LONG, c -> Long.toString(c.retentionMs()),
                    "log.retention.ms", "log.retention.minutes", "log.retention.hours"),
            ConfigEntryDef.topic("segment.bytes", "log.segment.bytes", INT, c -> Integer.toString(c.segmentBytes())),
            ConfigEntryDef.topic("segment.index.bytes", "log.index.size.max.bytes", INT,
                    c -> Integer.toString(c.segmentIndexBytes())),
            ConfigEntryDef.topic("segment.ms", "log.roll.ms", LONG, c -> Long.toString(c.segmentMs()),
                    "log.roll.ms", "log.roll.hours"),
            ConfigEntryDef.topic("unclean.leader.election.enable", "unclean.leader.election.enable", BOOLEAN,
                    c -> Boolean.toString(c.uncleanLeaderElectionEnable())));

    static final List<ConfigEntryDef> BROKER = List.of(
            ConfigEntryDef.broker("node.id", INT, true, c -> Integer.toString(c.nodeId())),
            ConfigEntryDef.broker("process.roles", LIST, true, c -> c.processRoles().stream()
                    .map(r -> r.toString().toLowerCase(java.util.Locale.ROOT)).sorted()
                    .collect(Collectors.joining(","))),
            ConfigEntryDef.broker("log.dirs", STRING, true, c -> c.logDirs().stream().map(Path::toString)
                    .collect(Collectors.joining(",")), "log.dirs", "log.dir"),
            ConfigEntryDef.broker("num.partitions", INT, false, c -> Integer.toString(c.numPartitions())),
            ConfigEntryDef.broker("default.replication.factor", INT, false,
                    c -> Short.toString(c.defaultReplicationFactor())),
            ConfigEntryDef.broker("auto.create.topics.enable", BOOLEAN, true,
                    c -> Boolean.toString(c.autoCreateTopicsEnable())),
            ConfigEntryDef.broker("auto.leader.rebalance.enable", BOOLEAN, true,
                    c -> Boolean.toString(c.autoLeaderRebalanceEnable())),
            ConfigEntryDef.broker("broker.session.timeout.ms", INT, true,
                    c -> Integer.toString(c.brokerSessionTimeoutMs())),
            ConfigEntryDef.broker("replica.lag.time.max.ms", LONG, true, c -> Long.toString(c.replicaLagTimeMaxMs())),
            ConfigEntryDef.broker("offsets.topic.num.partitions", INT, true,
                    c -> Integer.toString(c.offsetsTopicNumPartitions())),
            ConfigEntryDef.broker("offsets.topic.replication.factor", SHORT, true,
                    c -> Short.toString(c.offsetsTopicReplicationFactor())),
            ConfigEntryDef.broker("group.min.session.timeout.ms", INT, true,
                    c -> Integer.toString(c.groupMinSessionTimeoutMs())),
            ConfigEntryDef.broker("group.max.session.timeout.ms", INT, true,
                    c -> Integer.toString(c.groupMaxSessionTimeoutMs())),
            ConfigEntryDef.broker("group.initial.rebalance.delay.ms", INT, true,
                    c -> Integer.toString(c.groupInitialRebalanceDelayMs())),
            ConfigEntryDef.broker("socket.request.max.bytes", INT, true,
                    c -> Integer.toString(c.socketRequestMaxBytes())));

    /** Broker-level keys of the topic defaults, named as the broker knows them. */
    static final List<ConfigEntryDef> BROKER_TOPIC_DEFAULTS = TOPIC.stream()
            .map(t -> new ConfigEntryDef(t.brokerKey(), t.brokerKey(), t.type(), t.staticKeys(), t.staticValue(),
                    false))
            .toList();

    private static final Map<String, ConfigEntryDef> TOPIC_BY_NAME = TOPIC.stream()
            .collect(Collectors.toMap(ConfigEntryDef::name, d -> d));

    private ConfigCatalog() {}

    static ConfigEntryDef topicKey(String name) {
        return TOPIC_BY_NAME.get(name);
    }
}
