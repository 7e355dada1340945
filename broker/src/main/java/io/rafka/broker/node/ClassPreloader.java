package io.rafka.broker.node;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a background thread, classes the node needs soon but not first: the
 * metadata records' JSON mapper, kafka-clients' protocol schemas (initialising {@code ApiKeys} builds
 * every message schema) and Netty's server transport. In a fresh JVM that work costs about half a second; done
 * while Ratis starts and elects itself, it no longer adds to the start-up time.
 *
 * <p>Pure optimisation: a class that fails to load here is logged at DEBUG and loaded normally
 * later, where its failure is reported for real. Thread-safe (class initialisation is).
 */
final class ClassPreloader {

    private static final Logger log = LoggerFactory.getLogger(ClassPreloader.class);

    private static final List<String> CLASSES = List.of(
        // First, as the quorum's first request needs it soon: initialising it builds Jackson's ObjectMapper.
        "io.rafka.metadata.record.RecordSerde",
        "org.apache.kafka.common.protocol.ApiKeys",
        "org.apache.kafka.common.requests.AbstractRequest",
        "org.apache.kafka.common.requests.AbstractResponse",
        "org.apache.kafka.common.requests.ApiVersionsResponse",
        "org.apache.kafka.common.requests.MetadataResponse",
        "org.apache.kafka.common.requests.ProduceRequest",
        "org.apache.kafka.common.requests.FetchRequest",
        "org.apache.kafka.common.requests.FetchResponse",
        "org.apache.kafka.common.record.MemoryRecords",
        "org.apache.kafka.common.record.DefaultRecordBatch",
        "io.netty.bootstrap.ServerBootstrap",
        "io.netty.channel.nio.NioEventLoopGroup",
        "io.netty.channel.socket.nio.NioServerSocketChannel",
        "io.netty.channel.socket.nio.NioSocketChannel",
        "io.netty.channel.group.DefaultChannelGroup",
        "io.netty.buffer.PooledByteBufAllocator",
        "io.netty.handler.timeout.IdleStateHandler",
        "io.netty.handler.codec.ByteToMessageDecoder");

    private ClassPreloader() {}

    /** Starts the preloading thread and returns at once. */
    static void startInBackground() {
        Thread thread = new Thread(ClassPreloader::preload, "rafka-class-preloader");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void preload() {
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Could not preload {}: {}", name, e.toString());
            }
        }
    }
}
