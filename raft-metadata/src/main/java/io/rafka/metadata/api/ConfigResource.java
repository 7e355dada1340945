package io.rafka.metadata.api;

/**
 * What a config applies to. A broker resource named {@code ""} holds cluster-wide defaults; a broker
 * resource named by a node id holds that broker's overrides.
 *
 * <p>Immutable, thread-safe.
 */
public record ConfigResource(Type type, String name) {

    public enum Type { TOPIC, BROKER }

    public static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(Type.BROKER, "");

    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }
}
