package io.rafka.broker.handler.admin;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.common.Time;
import io.rafka.log.LogManager;
import io.rafka.metadata.quorum.ControllerClient;
import io.rafka.metadata.quorum.MetadataQuorum;
import java.util.Objects;

/**
 * What the admin handlers need from the node: the metadata quorum (image, quorum state, cluster id), the
 * controller client (every write), this broker's logs (DescribeLogDirs) and its configuration (config defaults).
 *
 * @param controller usually {@code quorum.controllerClient()}; separate so that tests can wrap it
 *
 * <p>Immutable, thread-safe (every component is).
 */
public record AdminContext(MetadataQuorum quorum, ControllerClient controller, LogManager logManager,
                           RafkaConfig config, Time time) {

    public AdminContext {
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(logManager, "logManager");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(time, "time");
    }

    public static AdminContext of(MetadataQuorum quorum, LogManager logManager, RafkaConfig config, Time time) {
        return new AdminContext(quorum, quorum.controllerClient(), logManager, config, time);
    }

    int nodeId() {
        return config.nodeId();
    }
}
