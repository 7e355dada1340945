package io.rafka.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the byte stream into frames: a 4-byte big-endian size, then that many bytes of request.
 * Emits each frame as its own heap {@link ByteBuffer}: parsed requests may keep slices of it (a
 * produce request's records) long after this read, on other threads, so it must not be a pooled
 * Netty buffer. Bytes are copied once, straight from the socket buffer into the frame.
 *
 * <p>A size that is negative or above {@code maxFrameBytes} throws {@link InvalidFrameException}
 * once and discards everything after it: the stream cannot be re-synchronised.
 *
 * <p>Memory: a frame up to {@link #EAGER_ALLOCATION_BYTES} is allocated when its size arrives;
 * a larger one grows (doubling) as its bytes arrive, so a peer that sends only a large size
 * cannot make the server reserve {@code maxFrameBytes} for it.
 *
 * <p>Not thread-safe: one instance per channel, used on its event loop.
 */
final class RequestFrameDecoder extends ByteToMessageDecoder {

    static final int EAGER_ALLOCATION_BYTES = 1024 * 1024;
    private static final int SIZE_PREFIX_BYTES = 4;

    private final int maxFrameBytes;
    private boolean discarding;
    /** The frame being filled: {@code frameBytes} long once complete; null between frames. */
    private byte[] frame;
    private int frameBytes;
    private int filledBytes;

    RequestFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (frame == null && !startFrame(in)) {
            return;
        }
        int copied = Math.min(in.readableBytes(), frameBytes - filledBytes);
        if (filledBytes + copied > frame.length) {
            frame = Arrays.copyOf(frame, (int) Math.min(frameBytes, Math.max(2L * frame.length, filledBytes + copied)));
        }
        in.readBytes(frame, filledBytes, copied);
        filledBytes += copied;
        if (filledBytes == frameBytes) {
            out.add(ByteBuffer.wrap(frame));
            frame = null;
        }
    }

    /** Reads the size prefix if it is all there; false when more bytes are needed. */
    private boolean startFrame(ByteBuf in) {
        if (in.readableBytes() < SIZE_PREFIX_BYTES) {
            return false;
        }
        int size = in.readInt();
        if (size < 0 || size > maxFrameBytes) {
            discarding = true;
            in.skipBytes(in.readableBytes());
            throw new InvalidFrameException("frame size " + size + " bytes is "
                + (size < 0 ? "negative" : "over socket.request.max.bytes=" + maxFrameBytes));
        }
        frameBytes = size;
        filledBytes = 0;
        frame = new byte[Math.min(size, EAGER_ALLOCATION_BYTES)];
        return true;
    }
}
