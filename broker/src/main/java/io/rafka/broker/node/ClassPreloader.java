package io.rafka.broker.node;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.record.RecordBatch;
import io.rafka.metadata.record.RecordSerde;
import io.rafka.metadata.record.RegisterBrokerRecord;
import io.rafka.metadata.record.UnfenceBrokerRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a background thread, classes the node needs soon but not first: the JSON
 * mapping of the broker's registration and heartbeat and of the records they produce, kafka-clients'
 * protocol schemas (initialising {@code ApiKeys} builds every message schema) and Netty's server
 * transport. In a fresh JVM that work costs about half a second; done
 * while Ratis starts and elects itself, it no longer adds to the start-up time.
 *
 * <p>Pure optimisation: a class that fails to load here is logged at DEBUG and loaded normally
 * later, where its failure is reported for real. Thread-safe (class initialisation is).
 */
final class ClassPreloader {

    private static final Logger log = LoggerFactory.getLogger(ClassPreloader.class);

    private static final List<String> CLASSES = List.of(
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
        // First what the quorum's first requests need, then what serving clients needs.
        warmUpRecordJson();
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Could not preload {}: {}", name, e.toString());
            }
        }
    }

    /**
     * Jackson builds a type's (de)serializers by reflection the first time it meets the type: the broker's
     * registration and first heartbeat, and the records the controller writes for them, would pay for that
     * while start-up waits on them. A round trip of each here, off the starting thread, pays it ahead.
     */
    private static void warmUpRecordJson() {
        try {
            List<Endpoint> endpoints = List.of(new Endpoint("PLAINTEXT", "localhost", 9092));
            roundTrip(new RegisterBroker.Request(0, "warm-up", endpoints, null), ControllerRequest.class);
            roundTrip(new RegisterBroker.Response(ApiError.NONE, 0), ControllerResponse.class);
            roundTrip(new BrokerHeartbeat.Request(0, 0, 0, false, List.of()), ControllerRequest.class);
            roundTrip(new BrokerHeartbeat.Response(ApiError.NONE, false, false), ControllerResponse.class);
            RecordBatch batch = RecordBatch.of(0, List.of(
                new RegisterBrokerRecord(0, "warm-up", 0, endpoints, null, 0L), new UnfenceBrokerRecord(0, 0)));
            RecordSerde.deserializeBatch(RecordSerde.serialize(batch));
        } catch (RuntimeException | LinkageError e) {
            log.debug("Could not warm up the records' JSON mapping: {}", e.toString());
        }
    }

    private static <T> void roundTrip(T value, Class<? super T> type) {
        RecordSerde.read(RecordSerde.write(value), type);
    }
}
