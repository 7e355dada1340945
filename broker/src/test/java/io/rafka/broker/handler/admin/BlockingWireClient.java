package io.rafka.broker.handler.admin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A blocking Kafka-protocol client over a plain socket, built only from kafka-clients' request builders and
 * response parsers: for APIs the stock clients no longer send (legacy AlterConfigs) and for driving the group
 * protocol step by step.
 *
 * <p>Not thread-safe: one test thread per client.
 */
public final class BlockingWireClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId;

    public BlockingWireClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends the request at {@code version} and waits for its response. */
    public <T extends AbstractResponse> T roundTrip(AbstractRequest.Builder<?> builder, short version, Class<T> type)
            throws IOException {
        AbstractRequest request = builder.build(version);
        RequestHeader header = new RequestHeader(request.apiKey(), version, "rafka-test", nextCorrelationId++);
        ByteBuffer payload = request.serializeWithHeader(header);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.remaining());
        frame.putInt(payload.remaining()).put(payload).flip();
        out.write(frame.array(), 0, frame.limit());
        out.flush();
        int size = in.readInt();
        byte[] body = new byte[size];
        in.readFully(body);
        ByteBuffer response = ByteBuffer.wrap(body);
        ResponseHeader responseHeader = ResponseHeader.parse(response, request.apiKey().responseHeaderVersion(version));
        if (responseHeader.correlationId() != header.correlationId()) {
            throw new IOException("expected correlation id " + header.correlationId() + ", got "
                    + responseHeader.correlationId());
        }
        return type.cast(AbstractResponse.parseResponse(request.apiKey(), new ByteBufferAccessor(response), version));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
