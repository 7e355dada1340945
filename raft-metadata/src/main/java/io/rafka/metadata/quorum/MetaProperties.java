package io.rafka.metadata.quorum;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * {@code <log.dir>/meta.properties}: which cluster and node a storage directory belongs to. Written on first
 * start (formatting needs no separate step), checked on every later start so that a node never joins another
 * cluster's quorum with its data, or runs on another node's directory.
 *
 * <p>Immutable, thread-safe.
 */
public record MetaProperties(String clusterId, int nodeId) {

    public static final String FILE_NAME = "meta.properties";

    /**
     * Reads and checks {@code meta.properties} in {@code logDir}, or writes it when absent. A null
     * {@code configuredClusterId} accepts the stored one, or generates one on first start.
     *
     * @throws InconsistentStorageException when the directory belongs to another cluster or node
     */
    public static MetaProperties loadOrCreate(Path logDir, int nodeId, String configuredClusterId, Random random)
        throws IOException {
        Path file = logDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            MetaProperties stored = read(file);
            if (configuredClusterId != null && !configuredClusterId.equals(stored.clusterId())) {
                throw new InconsistentStorageException("Storage " + logDir + " belongs to cluster " + stored.clusterId()
                    + ", but this node is configured for cluster " + configuredClusterId);
            }
            if (stored.nodeId() != nodeId) {
                throw new InconsistentStorageException("Storage " + logDir + " belongs to node.id " + stored.nodeId()
                    + ", but this node is configured with node.id " + nodeId);
            }
            return stored;
        }
        MetaProperties created = new MetaProperties(
            configuredClusterId != null ? configuredClusterId : generateClusterId(random), nodeId);
        created.write(file);
        return created;
    }

    /** 22 characters of URL-safe base64 of a random UUID, the shape of Kafka's cluster ids. */
    public static String generateClusterId(Random random) {
        UUID uuid = new UUID(random.nextLong(), random.nextLong());
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static MetaProperties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        String clusterId = properties.getProperty("cluster.id");
        String nodeId = properties.getProperty("node.id");
        if (clusterId == null || nodeId == null) {
            throw new InconsistentStorageException(file + " lacks cluster.id or node.id");
        }
        return new MetaProperties(clusterId, Integer.parseInt(nodeId.trim()));
    }

    /** Write to a temporary file, fsync, then rename: a crash leaves the old file or the new one, never half. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Properties properties = new Properties();
        properties.setProperty("version", "1");
        properties.setProperty("cluster.id", clusterId);
        properties.setProperty("node.id", Integer.toString(nodeId));
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            properties.store(out, "Written by Rafka on first start. Do not edit.");
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The storage directory belongs to another cluster or node: refuse to start. */
    public static final class InconsistentStorageException extends IOException {
        private static final long serialVersionUID = 1L;

        public InconsistentStorageException(String message) {
            super(message);
        }
    }
}
