package io.rafka.metadata.quorum;

import java.util.ArrayList;
import java.util.List;

/**
 * One member of the metadata quorum, as written in {@code controller.quorum.voters} ({@code id@host:port}).
 *
 * <p>Immutable, thread-safe.
 */
public record QuorumPeer(int nodeId, String host, int port) {

    /** Parses {@code id@host:port,id@host:port}; blank gives an empty list. */
    public static List<QuorumPeer> parseList(String peers) {
        List<QuorumPeer> result = new ArrayList<>();
        if (peers == null || peers.isBlank()) {
            return result;
        }
        for (String entry : peers.split(",")) {
            result.add(parse(entry.trim()));
        }
        return result;
    }

    public static QuorumPeer parse(String entry) {
        int at = entry.indexOf('@');
        int colon = entry.lastIndexOf(':');
        if (at <= 0 || colon <= at + 1 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("Invalid quorum peer '" + entry + "': expected id@host:port");
        }
        try {
            String host = entry.substring(at + 1, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new QuorumPeer(Integer.parseInt(entry.substring(0, at)), host,
                Integer.parseInt(entry.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid quorum peer '" + entry + "': expected id@host:port", e);
        }
    }

    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return nodeId + "@" + address();
    }
}
