package io.rafka.broker.handler.admin;

import static org.awaitility.Awaitility.await;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.handler.group.GroupCoordinatorShell;
import io.rafka.broker.handler.group.GroupHandlers;
import io.rafka.broker.handler.group.LocalOffsetsTopicLog;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.ApiHandlerRegistry;
import io.rafka.broker.network.KafkaServer;
import io.rafka.broker.network.NetworkSettings;
import io.rafka.common.Time;
import io.rafka.log.LogConfig;
import io.rafka.log.LogManager;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.controller.ControllerConfig;
import io.rafka.metadata.quorum.ControllerClient;
import io.rafka.metadata.quorum.MetadataQuorum;
import io.rafka.metadata.quorum.QuorumConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single node for handler tests: a one-voter metadata quorum, a log manager, the group coordinator shell
 * over the local log, and a Kafka server with the admin and group handlers plus {@link TestMetadataHandler}. The
 * broker registers itself with its real (ephemeral) port and is unfenced before {@link #start} returns.
 *
 * <p>Not thread-safe: one test thread starts and closes it.
 */
public final class HandlerTestNode implements AutoCloseable {

    public static final int NODE_ID = 1;

    public final Path dir;
    public final RafkaConfig config;
    public final MetadataQuorum quorum;
    public final LogManager logManager;
    public final LocalOffsetsTopicLog offsetsLog;
    public final GroupCoordinatorShell shell;
    public final KafkaServer server;

    private HandlerTestNode(Path dir, RafkaConfig config, MetadataQuorum quorum, LogManager logManager,
                     LocalOffsetsTopicLog offsetsLog, GroupCoordinatorShell shell, KafkaServer server) {
        this.dir = dir;
        this.config = config;
        this.quorum = quorum;
        this.logManager = logManager;
        this.offsetsLog = offsetsLog;
        this.shell = shell;
        this.server = server;
    }

    /** Starts (or restarts, on the same {@code dir}) a node; {@code overrides} are server.properties keys. */
    public static HandlerTestNode start(Path dir, Map<String, String> overrides) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of(
                "node.id", Integer.toString(NODE_ID),
                "log.dirs", dir.resolve("logs").toString(),
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "offsets.topic.num.partitions", "3",
                "group.initial.rebalance.delay.ms", "0"));
        properties.putAll(overrides);
        RafkaConfig config = RafkaConfig.fromMap(properties);
        // A long broker session: tests do not heartbeat after registering.
        MetadataQuorum quorum = MetadataQuorum.start(QuorumConfig.builder(NODE_ID, dir.resolve("meta"))
                .controller(new ControllerConfig(600_000, 1_000, false, false, 300_000, 1, 1))
                .requestTimeoutMs(20_000).build());
        await().atMost(Duration.ofSeconds(30)).until(quorum::isActiveController);
        LogManager logManager = LogManager.open(config.logDirs(), LogConfig.defaults(), Time.SYSTEM,
                LogManager.Settings.manual());
        LocalOffsetsTopicLog offsetsLog = new LocalOffsetsTopicLog(NODE_ID, logManager, LogConfig.defaults(),
                quorum::currentImage);
        GroupCoordinatorShell shell = new GroupCoordinatorShell(GroupCoordinatorShell.Settings.from(config),
                offsetsLog, offsetsLog, quorum.controllerClient(), quorum::currentImage, Time.SYSTEM, new Random(42));
        shell.start();
        quorum.addListener((delta, image) -> shell.onLeadershipChange(image));
        ApiHandlerRegistry.Builder registry = ApiHandlerRegistry.builder().register(new TestMetadataHandler(quorum));
        List<ApiHandler> handlers = new java.util.ArrayList<>(AdminHandlers.create(
                AdminContext.of(quorum, logManager, config, Time.SYSTEM)));
        handlers.addAll(GroupHandlers.create(shell));
        handlers.forEach(registry::register);
        KafkaServer server = new KafkaServer(NetworkSettings.loopbackEphemeral(), registry.build(), Time.SYSTEM);
        server.start();
        HandlerTestNode node = new HandlerTestNode(dir, config, quorum, logManager, offsetsLog, shell, server);
        node.registerBroker();
        return node;
    }

    private void registerBroker() throws Exception {
        ControllerClient controller = quorum.controllerClient();
        long epoch = controller.registerBroker(new RegisterBroker.Request(NODE_ID, UUID.randomUUID().toString(),
                List.of(new Endpoint("PLAINTEXT", "127.0.0.1", port())), null)).get(30, TimeUnit.SECONDS).brokerEpoch();
        await().atMost(Duration.ofSeconds(30)).until(() -> !controller.brokerHeartbeat(new BrokerHeartbeat.Request(
                NODE_ID, epoch, Long.MAX_VALUE, false, List.of())).get(30, TimeUnit.SECONDS).isFenced());
        await().atMost(Duration.ofSeconds(30)).until(() -> quorum.currentImage().isUnfenced(NODE_ID));
    }

    public int port() {
        return server.boundPort("PLAINTEXT");
    }

    public String bootstrap() {
        return "127.0.0.1:" + port();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @Override
    public void close() throws IOException {
        server.close();
        shell.close();
        offsetsLog.close();
        logManager.shutdown();
        quorum.close();
    }
}
