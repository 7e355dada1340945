package io.rafka.broker.node;

import io.rafka.broker.network.ApiHandler;
import java.util.List;

/**
 * Creates a set of request handlers for a starting node. {@link RafkaNode} registers the data-plane
 * set itself; other sets (admin, consumer groups) are passed to {@link RafkaNode#start}, so the node
 * assembly does not depend on every handler package. A handler set that owns resources returns them
 * from {@link #create} as handlers that also implement {@link AutoCloseable}: the node closes them
 * after the server stops.
 *
 * <p>{@link #create} is called once, on the thread starting the node; the handlers it returns must be
 * thread-safe (see {@code ApiHandler}).
 */
@FunctionalInterface
public interface HandlerFactory {

    List<ApiHandler> create(NodeServices services);
}
