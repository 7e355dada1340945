package io.rafka.broker.config;

import java.util.Locale;

/**
 * One entry of {@code listeners} / {@code advertised.listeners}: {@code NAME://host:port}.
 * An empty host means "all interfaces" when binding (Kafka's convention); port 0 asks the OS for
 * an ephemeral port.
 *
 * <p>Immutable, thread-safe.
 */
public record Endpoint(String listenerName, String host, int port) {

    public static final int MAX_PORT = 65_535;

    public Endpoint {
        listenerName = listenerName.toUpperCase(Locale.ROOT);
    }

    /**
     * Parses {@code NAME://host:port}; IPv6 hosts are written in brackets ({@code PLAINTEXT://[::1]:9092}).
     *
     * @throws IllegalArgumentException with what is expected, for the caller to wrap with the key name
     */
    public static Endpoint parse(String text) {
        String trimmed = text.trim();
        int schemeEnd = trimmed.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("expected NAME://host:port, e.g. PLAINTEXT://localhost:9092");
        }
        String name = trimmed.substring(0, schemeEnd);
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("listener name must be letters, digits or '_', got '" + name + "'");
        }
        String hostPort = trimmed.substring(schemeEnd + 3);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected NAME://host:port with a port, e.g. PLAINTEXT://localhost:9092");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(name, host, parsePort(hostPort.substring(colon + 1)));
    }

    static int parsePort(String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number between 0 and " + MAX_PORT + ", got '" + text + "'");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be between 0 and " + MAX_PORT + ", got " + port);
        }
        return port;
    }

    /** True when the endpoint binds every interface (empty host, or the wildcard address). */
    public boolean bindsAllInterfaces() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    @Override
    public String toString() {
        String printedHost = host.contains(":") ? "[" + host + "]" : host;
        return listenerName + "://" + printedHost + ":" + port;
    }
}
