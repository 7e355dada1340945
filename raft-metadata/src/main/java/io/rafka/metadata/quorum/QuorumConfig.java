package io.rafka.metadata.quorum;

import io.rafka.common.Time;
import io.rafka.metadata.controller.ControllerConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link MetadataQuorum#start} needs. Kafka names where they exist.
 *
 * @param nodeId node.id
 * @param clusterId cluster.id; null reads {@code meta.properties} or generates one on first start
 * @param voters controller.quorum.voters ({@code id@host:port,...}); blank = a single node on {@code port}
 *               (0 = any free port) of localhost
 * @param listeners the non-voting nodes that follow the log as Ratis listeners ({@code id@host:port,...});
 *                  every node must be configured with the same voters and listeners
 * @param singleNodePort the port of a single-node quorum when {@code voters} is blank (0 = free port)
 * @param logDir where {@code meta.properties} lives (the first of log.dirs)
 * @param metadataDir Ratis storage, normally {@code <logDir>/metadata}
 * @param snapshotIntervalEntries take a snapshot (and purge the log up to it) every this many entries
 * @param electionTimeoutMinMs / electionTimeoutMaxMs Ratis leader-election timeouts; 0 = Ratis defaults
 * @param requestTimeoutMs how long a {@link ControllerClient} call waits for an active controller
 * @param controllerTickMs how often the controller checks sessions and rebalancing
 * @param controller the controller's own settings (session timeout, unclean default, rebalancing, ...)
 *
 * <p>Immutable, thread-safe.
 */
public record QuorumConfig(int nodeId, String clusterId, String voters, String listeners, int singleNodePort,
                           Path logDir, Path metadataDir, long snapshotIntervalEntries, long electionTimeoutMinMs,
                           long electionTimeoutMaxMs, long requestTimeoutMs, long controllerTickMs,
                           ControllerConfig controller, Time time) {

    public static final long DEFAULT_SNAPSHOT_INTERVAL_ENTRIES = 10_000;

    public QuorumConfig {
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(controller, "controller");
        metadataDir = metadataDir != null ? metadataDir : logDir.resolve("metadata");
        time = time != null ? time : Time.SYSTEM;
    }

    public static Builder builder(int nodeId, Path logDir) {
        return new Builder(nodeId, logDir);
    }

    /** Not thread-safe. */
    public static final class Builder {
        private final int nodeId;
        private final Path logDir;
        private String clusterId;
        private String voters = "";
        private String listeners = "";
        private int singleNodePort;
        private Path metadataDir;
        private long snapshotIntervalEntries = DEFAULT_SNAPSHOT_INTERVAL_ENTRIES;
        private long electionTimeoutMinMs;
        private long electionTimeoutMaxMs;
        private long requestTimeoutMs = 30_000;
        private long controllerTickMs = 100;
        private ControllerConfig controller = ControllerConfig.DEFAULTS;
        private Time time = Time.SYSTEM;

        private Builder(int nodeId, Path logDir) {
            this.nodeId = nodeId;
            this.logDir = logDir;
        }

        public Builder clusterId(String value) { this.clusterId = value; return this; }
        public Builder voters(String value) { this.voters = value; return this; }
        public Builder listeners(String value) { this.listeners = value; return this; }
        public Builder singleNodePort(int value) { this.singleNodePort = value; return this; }
        public Builder metadataDir(Path value) { this.metadataDir = value; return this; }
        public Builder snapshotIntervalEntries(long value) { this.snapshotIntervalEntries = value; return this; }
        public Builder electionTimeoutMs(long minMs, long maxMs) {
            this.electionTimeoutMinMs = minMs;
            this.electionTimeoutMaxMs = maxMs;
            return this;
        }
        public Builder requestTimeoutMs(long value) { this.requestTimeoutMs = value; return this; }
        public Builder controllerTickMs(long value) { this.controllerTickMs = value; return this; }
        public Builder controller(ControllerConfig value) { this.controller = value; return this; }
        public Builder time(Time value) { this.time = value; return this; }

        public QuorumConfig build() {
            return new QuorumConfig(nodeId, clusterId, voters, listeners, singleNodePort, logDir, metadataDir,
                snapshotIntervalEntries, electionTimeoutMinMs, electionTimeoutMaxMs, requestTimeoutMs,
                controllerTickMs, controller, time);
        }
    }
}
