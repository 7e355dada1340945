package io.rafka.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RafkaConfigTest {

    private static RafkaConfig parse(String... keyValues) {
        return RafkaConfig.fromMap(RafkaConfig.parseOverrides(List.of(keyValues)));
    }

    @Test
    void noConfigurationAtAllIsASingleNodeOnLocalhost9092WithDataInDotData() {
        RafkaConfig config = RafkaConfig.defaults();
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.processRoles()).containsExactlyInAnyOrder(ProcessRole.BROKER, ProcessRole.CONTROLLER);
        assertThat(config.listeners()).containsExactly(new Endpoint("PLAINTEXT", "localhost", 9092));
        assertThat(config.advertisedListeners()).containsExactly(new Endpoint("PLAINTEXT", "localhost", 9092));
        assertThat(config.quorumVoters()).isEmpty();
        assertThat(config.logDirs()).containsExactly(Path.of("./data"));
        assertThat(config.clusterId()).isEmpty();
        assertThat(config.unknownKeys()).isEmpty();
        assertThat(config.socketRequestMaxBytes()).isEqualTo(100 * 1024 * 1024);
        // Kafka's documented production value, not its compiled-in 100 KiB (see RafkaConfigKeys).
        assertThat(config.socketSendBufferBytes()).isEqualTo(1024 * 1024);
        assertThat(config.socketReceiveBufferBytes()).isEqualTo(100 * 1024);
        assertThat(config.numIoThreads()).isEqualTo(8);
        assertThat(config.offsetsTopicNumPartitions()).isEqualTo(50);
        assertThat(config.offsetsTopicReplicationFactor()).isEqualTo((short) 1);
        assertThat(config.uncleanLeaderElectionEnable()).isFalse();
        assertThat(config.retentionMs()).isEqualTo(168L * 3_600_000L);
        assertThat(config.segmentBytes()).isEqualTo(1 << 30);
        assertThat(config.segmentMs()).isEqualTo(168L * 3_600_000L);
        assertThat(config.flushIntervalMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.messageTimestampType()).isEqualTo(TimestampType.CREATE_TIME);
    }

    @Test
    void retentionPrefersMsOverMinutesOverHours() {
        assertThat(parse("log.retention.hours=2").retentionMs()).isEqualTo(2 * 3_600_000L);
        assertThat(parse("log.retention.hours=2", "log.retention.minutes=3").retentionMs()).isEqualTo(3 * 60_000L);
        assertThat(parse("log.retention.hours=2", "log.retention.minutes=3", "log.retention.ms=4").retentionMs())
            .isEqualTo(4L);
    }

    @Test
    void anyNegativeRetentionMeansForever() {
        assertThat(parse("log.retention.ms=-1").retentionMs()).isEqualTo(-1);
        assertThat(parse("log.retention.minutes=-5").retentionMs()).isEqualTo(-1);
        assertThat(parse("log.retention.hours=-1").retentionMs()).isEqualTo(-1);
    }

    @Test
    void rollPrefersMsOverHours() {
        assertThat(parse("log.roll.hours=1").segmentMs()).isEqualTo(3_600_000L);
        assertThat(parse("log.roll.hours=1", "log.roll.ms=1500").segmentMs()).isEqualTo(1500L);
    }

    @Test
    void logDirsWinsOverLogDir() {
        assertThat(parse("log.dir=/a").logDirs()).containsExactly(Path.of("/a"));
        assertThat(parse("log.dir=/a", "log.dirs=/b, /c").logDirs()).containsExactly(Path.of("/b"), Path.of("/c"));
    }

    @Test
    void derivedValuesCarryTheirUnits() {
        RafkaConfig config = parse("leader.imbalance.check.interval.seconds=7", "offsets.retention.minutes=2",
            "log.flush.interval.ms=250", "log.message.timestamp.type=LogAppendTime");
        assertThat(config.leaderImbalanceCheckIntervalMs()).isEqualTo(7_000L);
        assertThat(config.offsetsRetentionMs()).isEqualTo(120_000L);
        assertThat(config.flushIntervalMs()).isEqualTo(250L);
        assertThat(config.messageTimestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
    }

    @Test
    void unknownKeysAreReturnedAndLoggedNotFatal() {
        Logger logger = (Logger) LoggerFactory.getLogger(RafkaConfig.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            RafkaConfig config = parse("num.partitions=3", "zookeeper.connect=zk:2181", "num.recovery.threads.per.data.dir=2");
            assertThat(config.unknownKeys()).containsExactly("num.recovery.threads.per.data.dir", "zookeeper.connect");
            assertThat(config.numPartitions()).isEqualTo(3);
            assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Unknown configuration 'num.recovery.threads.per.data.dir' is ignored",
                    "Unknown configuration 'zookeeper.connect' is ignored");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyValueAndExpectedType() {
        assertThatThrownBy(() -> parse("num.partitions=many"))
            .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                assertThat(e.key()).isEqualTo("num.partitions");
                assertThat(e.value()).isEqualTo("many");
            })
            .hasMessageContaining("'many'").hasMessageContaining("'num.partitions'").hasMessageContaining("int");
        assertThatThrownBy(() -> parse("unclean.leader.election.enable=yes"))
            .hasMessageContaining("'unclean.leader.election.enable'").hasMessageContaining("boolean");
    }

    @Test
    void aValueOutOfRangeNamesKeyValueAndTheRange() {
        assertThatThrownBy(() -> parse("num.partitions=0"))
            .isInstanceOf(InvalidConfigException.class)
            .hasMessageContaining("'0'").hasMessageContaining("'num.partitions'").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> parse("log.message.timestamp.type=WallClock"))
            .hasMessageContaining("'log.message.timestamp.type'").hasMessageContaining("CreateTime");
        assertThatThrownBy(() -> parse("process.roles=broker,zookeeper"))
            .hasMessageContaining("'process.roles'").hasMessageContaining("[broker, controller]");
        assertThatThrownBy(() -> parse("process.roles="))
            .hasMessageContaining("'process.roles'").hasMessageContaining("must not be empty");
    }

    @Test
    void malformedListenersAndVotersNameTheKey() {
        assertThatThrownBy(() -> parse("listeners=localhost:9092"))
            .hasMessageContaining("'listeners'").hasMessageContaining("NAME://host:port");
        assertThatThrownBy(() -> parse("listeners=PLAINTEXT://localhost:99999"))
            .hasMessageContaining("'listeners'").hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> parse("controller.quorum.voters=1@a:9093,two@b:9093"))
            .hasMessageContaining("'controller.quorum.voters'").hasMessageContaining("must be a number");
    }

    @Test
    void onlyPlaintextListenersAreServed() {
        assertThatThrownBy(() -> parse("listeners=SSL://localhost:9093"))
            .hasMessageContaining("'listeners'").hasMessageContaining("PLAINTEXT only");
        RafkaConfig mapped = parse("listeners=CLIENTS://:9092", "listener.security.protocol.map=CLIENTS:PLAINTEXT");
        assertThat(mapped.listeners()).containsExactly(new Endpoint("CLIENTS", "", 9092));
        assertThat(mapped.listeners().get(0).bindsAllInterfaces()).isTrue();
    }

    @Test
    void controllerListenersAreNotServedToClients() {
        RafkaConfig config = parse("listeners=PLAINTEXT://:9092,CONTROLLER://:9093", "controller.listener.names=CONTROLLER");
        assertThat(config.clientListeners()).containsExactly(new Endpoint("PLAINTEXT", "", 9092));
        assertThat(config.listeners()).hasSize(2);
        assertThatThrownBy(() -> parse("listeners=CONTROLLER://:9093", "controller.listener.names=CONTROLLER"))
            .hasMessageContaining("'listeners'").hasMessageContaining("at least one listener");
    }

    @Test
    void crossKeyRulesNameTheKeyToChange() {
        assertThatThrownBy(() -> parse("broker.heartbeat.interval.ms=9000"))
            .hasMessageContaining("'broker.heartbeat.interval.ms'").hasMessageContaining("broker.session.timeout.ms=9000");
        assertThatThrownBy(() -> parse("group.max.session.timeout.ms=1000"))
            .hasMessageContaining("'group.max.session.timeout.ms'");
        assertThatThrownBy(() -> parse("node.id=4", "controller.quorum.voters=1@a:9093,2@b:9093"))
            .hasMessageContaining("'controller.quorum.voters'").hasMessageContaining("node.id=4");
        assertThatThrownBy(() -> parse("controller.quorum.voters=1@a:9093,1@b:9093"))
            .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse("listeners=PLAINTEXT://:9092,INTERNAL://:9092",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT"))
            .hasMessageContaining("port 9092 is used twice");
        assertThatThrownBy(() -> parse("advertised.listeners=PLAINTEXT://0.0.0.0:9092"))
            .hasMessageContaining("'advertised.listeners'").hasMessageContaining("wildcard");
        assertThatThrownBy(() -> parse("advertised.listeners=OTHER://h:9092"))
            .hasMessageContaining("'advertised.listeners'").hasMessageContaining("not in listeners");
    }

    @Test
    void brokerOnlyNodeNeedNotBeAVoter() {
        RafkaConfig config = parse("node.id=4", "process.roles=broker", "controller.quorum.voters=1@a:9093,2@b:9093");
        assertThat(config.isController()).isFalse();
        assertThat(config.quorumVoters()).containsExactly(new QuorumVoter(1, "a", 9093), new QuorumVoter(2, "b", 9093));
    }

    @Test
    void fileThenOverridesLaterWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "node.id=3\nnum.partitions=6\n# a comment\nlog.dirs=/var/rafka\n");
        RafkaConfig config = RafkaConfig.load(file, List.of("num.partitions=12", "num.partitions=9"));
        assertThat(config.nodeId()).isEqualTo(3);
        assertThat(config.numPartitions()).isEqualTo(9);
        assertThat(config.logDirs()).containsExactly(Path.of("/var/rafka"));
        assertThatThrownBy(() -> RafkaConfig.load(file, List.of("num.partitions")))
            .isInstanceOf(InvalidConfigException.class).hasMessageContaining("key=value");
    }

    @Test
    void aKafkaServerPropertiesFileMostlyJustWorks() throws IOException {
        // The shape of Kafka 4's config/server.properties (KRaft combined mode).
        String kafkaFile = """
            process.roles=broker,controller
            node.id=1
            controller.quorum.voters=1@localhost:9093
            listeners=PLAINTEXT://:9092,CONTROLLER://:9093
            inter.broker.listener.name=PLAINTEXT
            advertised.listeners=PLAINTEXT://localhost:9092
            controller.listener.names=CONTROLLER
            listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL
            num.network.threads=3
            num.io.threads=8
            socket.send.buffer.bytes=102400
            socket.receive.buffer.bytes=102400
            socket.request.max.bytes=104857600
            log.dirs=/tmp/kraft-combined-logs
            num.partitions=1
            num.recovery.threads.per.data.dir=1
            offsets.topic.replication.factor=1
            transaction.state.log.replication.factor=1
            transaction.state.log.min.isr=1
            log.retention.hours=168
            log.segment.bytes=1073741824
            log.retention.check.interval.ms=300000
            """;
        Properties properties = new Properties();
        properties.load(new StringReader(kafkaFile));
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        RafkaConfig config = RafkaConfig.fromMap(map);
        assertThat(config.unknownKeys()).containsExactly("num.recovery.threads.per.data.dir",
            "transaction.state.log.min.isr", "transaction.state.log.replication.factor");
        assertThat(config.clientListeners()).containsExactly(new Endpoint("PLAINTEXT", "", 9092));
        assertThat(config.quorumVoters()).containsExactly(new QuorumVoter(1, "localhost", 9093));
    }

    @Test
    void documentedPropertiesListEveryKeyAndLoadBackToTheDefaults() throws IOException {
        String rendered = RafkaConfig.documentedProperties();
        for (String key : RafkaConfigKeys.DEFINITION.names()) {
            assertThat(rendered).as(key).containsPattern("(?m)^#?" + java.util.regex.Pattern.quote(key) + "=");
        }
        Properties properties = new Properties();
        properties.load(new StringReader(rendered));
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        RafkaConfig loaded = RafkaConfig.fromMap(map);
        RafkaConfig defaults = RafkaConfig.defaults();
        assertThat(loaded.unknownKeys()).isEmpty();
        assertThat(loaded.listeners()).isEqualTo(defaults.listeners());
        assertThat(loaded.retentionMs()).isEqualTo(defaults.retentionMs());
        assertThat(loaded.logDirs()).isEqualTo(defaults.logDirs());
        assertThat(loaded.processRoles()).isEqualTo(defaults.processRoles());
        assertThat(loaded.flushIntervalMessages()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everyDocumentedLineIsOneLine() {
        RafkaConfigKeys.DEFINITION.configKeys().values().forEach(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank().doesNotContain("\n");
        });
    }
}
