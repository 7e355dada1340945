package io.rafka.broker.network;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A blocking Kafka-protocol client over a plain socket, using only kafka-clients' serializers and
 * parsers (no NetworkClient), so tests see exactly the bytes the server writes.
 *
 * <p>Not thread-safe: one test thread per client.
 */
final class WireClient implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId;

    WireClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request built by kafka-clients; returns the header to match the response with. */
    RequestHeader send(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "wire-client", nextCorrelationId++);
        ByteBuffer payload = request.serializeWithHeader(header);
        sendFrame(payload);
        return header;
    }

    /** Writes a size prefix and the payload as given. */
    void sendFrame(ByteBuffer payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.remaining());
        frame.putInt(payload.remaining()).put(payload.duplicate()).flip();
        sendRaw(frame);
    }

    void sendRaw(ByteBuffer bytes) throws IOException {
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        out.flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response frame and parses it as the answer to {@code header}. */
    AbstractResponse receive(RequestHeader header) throws IOException {
        ByteBuffer frame = receiveFrame().orElseThrow(() -> new EOFException("connection closed by server"));
        ResponseHeader responseHeader = ResponseHeader.parse(frame, header.apiKey().responseHeaderVersion(header.apiVersion()));
        if (responseHeader.correlationId() != header.correlationId()) {
            throw new IOException("expected correlation id " + header.correlationId() + ", got " + responseHeader.correlationId());
        }
        return AbstractResponse.parseResponse(header.apiKey(), new ByteBufferAccessor(frame), header.apiVersion());
    }

    <T extends AbstractResponse> T roundTrip(AbstractRequest request, Class<T> type) throws IOException {
        return type.cast(receive(send(request)));
    }

    /** One raw response frame (without its size prefix), or empty if the server closed the connection. */
    Optional<ByteBuffer> receiveFrame() throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty(); // reset by the closing server
        }
        byte[] body = new byte[size];
        in.readFully(body);
        return Optional.of(ByteBuffer.wrap(body));
    }

    /** The correlation id at the start of a response frame (every response header version starts with it). */
    static int correlationIdOf(ByteBuffer frame) {
        return frame.getInt(frame.position());
    }

    /** True when the server closed the connection: the next read hits end of stream (fails on timeout). */
    boolean closedByServer() throws IOException {
        try {
            return receiveFrame().isEmpty();
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
