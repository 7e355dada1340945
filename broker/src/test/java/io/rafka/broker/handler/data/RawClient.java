package io.rafka.broker.handler.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A blocking Kafka-protocol client on a plain socket, built only from kafka-clients' request and
 * response codecs, so a test can send exactly the bytes it wants (a tampered batch, an unusual
 * session epoch) and read exactly what the node answers.
 *
 * <p>Not thread-safe: one test thread per client.
 */
final class RawClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MS = 15_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    RawClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RequestHeader send(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "raw-client", correlationId++);
        ByteBuffer payload = request.serializeWithHeader(header);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.remaining()).putInt(payload.remaining()).put(payload);
        out.write(frame.array());
        out.flush();
        return header;
    }

    <T extends AbstractResponse> T roundTrip(AbstractRequest request, Class<T> type) throws IOException {
        RequestHeader header = send(request);
        ByteBuffer frame = readFrame();
        if (frame == null) {
            throw new EOFException("the node closed the connection");
        }
        ResponseHeader responseHeader = ResponseHeader.parse(frame, header.apiKey().responseHeaderVersion(header.apiVersion()));
        if (responseHeader.correlationId() != header.correlationId()) {
            throw new IOException("correlation id " + responseHeader.correlationId() + ", expected " + header.correlationId());
        }
        return type.cast(AbstractResponse.parseResponse(header.apiKey(), new ByteBufferAccessor(frame), header.apiVersion()));
    }

    /** True when the node closed the connection (end of stream), false if it is still open after the timeout. */
    boolean closedByServer(int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        try {
            return readFrame() == null;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
    }

    private ByteBuffer readFrame() throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException | SocketException e) {
            return null;
        }
        byte[] body = new byte[size];
        in.readFully(body);
        return ByteBuffer.wrap(body);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
