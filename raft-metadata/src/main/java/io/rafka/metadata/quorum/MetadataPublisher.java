package io.rafka.metadata.quorum;

import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.MetadataListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every new image, with its delta, to the listeners: in log order, on one thread, so listeners never
 * race each other or see images out of order, and a slow listener never blocks Ratis's apply thread.
 * A listener added late first receives the current image (as a delta from empty) and then every later one.
 *
 * <p>Thread-safe: publish from the apply thread, add listeners from any thread.
 */
final class MetadataPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataPublisher.class);

    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;
    private MetadataImage lastPublished = MetadataImage.EMPTY; // only touched on the publisher thread

    MetadataPublisher(int nodeId) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rafka-metadata-publisher-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    void addListener(MetadataListener listener) {
        execute(() -> {
            listeners.add(listener);
            if (lastPublished.offset() >= 0) {
                MetadataDelta catchUp = new MetadataDelta(MetadataImage.EMPTY, lastPublished.offset());
                catchUp.replayAll(lastPublished.toRecords());
                deliver(listener, catchUp, lastPublished);
            }
        });
    }

    void publish(MetadataDelta delta, MetadataImage image) {
        execute(() -> {
            lastPublished = image;
            listeners.forEach(listener -> deliver(listener, delta, image));
        });
    }

    /** A snapshot replaced the image wholesale: listeners get it as a delta from empty. */
    void publishSnapshot(MetadataImage image) {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY, image.offset());
        delta.replayAll(image.toRecords());
        publish(delta, image);
    }

    private static void deliver(MetadataListener listener, MetadataDelta delta, MetadataImage image) {
        try {
            listener.onMetadataUpdate(delta, image);
        } catch (RuntimeException e) {
            LOG.error("Metadata listener {} failed at offset {}", listener, image.offset(), e);
        }
    }

    /** Runs on the owning thread; work arriving after close is dropped (the node is stopping). */
    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("dropped work after close", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
