package io.rafka.broker.replica;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;

/**
 * A blocking Kafka-protocol connection from this broker to another, for one thread's
 * request-response loop (a replica fetcher). One request in flight at a time, so the framing is
 * the whole protocol: a 4-byte size, then the header and body; the response's correlation id is
 * checked against the request's.
 *
 * <p>Why blocking sockets and not the client library's NetworkClient: a fetcher waits for its
 * answer before it can build the next request anyway, and a thread per (leader, fetcher index) is
 * what Kafka runs too; this keeps the fetch path free of selector plumbing.
 *
 * <p>Not thread-safe: owned by one fetcher thread. Any {@link IOException} leaves the channel
 * unusable; the owner closes it and connects anew.
 */
final class BrokerChannel implements AutoCloseable {

    /** Largest response accepted: a broken or hostile peer must not make this broker allocate gigabytes. */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String clientId;
    private int nextCorrelationId;

    private BrokerChannel(Socket socket, String clientId) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        this.clientId = clientId;
    }

    /**
     * Connects within {@code timeoutMs}; reads then wait at most {@code timeoutMs} for each answer.
     *
     * @throws IOException if the broker cannot be reached
     */
    static BrokerChannel connect(InetSocketAddress address, String clientId, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(1024 * 1024);
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return new BrokerChannel(socket, clientId);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code body} as {@code apiKey} at {@code version} and returns the parsed answer. */
    AbstractResponse send(ApiKeys apiKey, short version, ApiMessage body) throws IOException {
        RequestHeader header = new RequestHeader(apiKey, version, clientId, nextCorrelationId++);
        ByteBuffer request = RequestUtils.serialize(header.data(), header.headerVersion(), body, version);
        out.writeInt(request.remaining());
        out.write(request.array(), request.arrayOffset() + request.position(), request.remaining());
        out.flush();
        int sizeBytes = in.readInt();
        if (sizeBytes < 0 || sizeBytes > MAX_RESPONSE_BYTES) {
            throw new IOException("response of " + sizeBytes + " bytes from " + socket.getRemoteSocketAddress());
        }
        byte[] response = new byte[sizeBytes];
        in.readFully(response);
        try {
            return AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
        } catch (RuntimeException e) {
            // A malformed or mismatched answer: the stream can no longer be trusted.
            throw new IOException("cannot parse the " + apiKey + " response from " + socket.getRemoteSocketAddress()
                + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
