package io.rafka.broker.config;

/**
 * One entry of {@code controller.quorum.voters}: {@code nodeId@host:port}.
 *
 * <p>Immutable, thread-safe.
 */
public record QuorumVoter(int nodeId, String host, int port) {

    /**
     * Parses {@code id@host:port}.
     *
     * @throws IllegalArgumentException with what is expected, for the caller to wrap with the key name
     */
    public static QuorumVoter parse(String text) {
        String trimmed = text.trim();
        int at = trimmed.indexOf('@');
        int colon = trimmed.lastIndexOf(':');
        if (at <= 0 || colon < at + 2) {
            throw new IllegalArgumentException("expected nodeId@host:port, e.g. 1@localhost:9093");
        }
        int nodeId;
        try {
            nodeId = Integer.parseInt(trimmed.substring(0, at));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("node id before '@' must be a number, got '" + trimmed.substring(0, at) + "'");
        }
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id must be >= 0, got " + nodeId);
        }
        String host = trimmed.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new QuorumVoter(nodeId, host, Endpoint.parsePort(trimmed.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return nodeId + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
