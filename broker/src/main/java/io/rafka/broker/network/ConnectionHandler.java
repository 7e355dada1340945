package io.rafka.broker.network;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.rafka.common.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: parses frames, dispatches requests, writes responses strictly in request
 * order, and applies back-pressure.
 *
 * <p>Back-pressure: at most {@code maxInflight} requests are dispatched and unanswered at a time;
 * frames decoded beyond that wait in {@code waitingFrames} and the channel stops reading
 * ({@code autoRead=false}) until responses drain. Reading also stops while the outbound buffer is
 * over its high-water mark (a client that does not read its responses).
 *
 * <p>A bad frame (oversized, unparseable, unserved API or version) closes the connection once the
 * responses to the requests before it are written, with exactly one WARN line; later frames are
 * ignored.
 *
 * <p>Not thread-safe by design: every field is owned by the channel's event-loop thread; handler
 * completions from other threads hop back with {@code eventLoop().execute}.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final RequestParser parser;
    private final RequestDispatcher dispatcher;
    /** This connection's handler bodies run here: one at a time, in arrival order. */
    private final java.util.concurrent.Executor handlerExecutor;
    private final Time time;
    private final String listenerName;
    private final int maxInflight;
    private final String connectionId;

    private final ResponseSequencer<ResponseAction> sequencer = new ResponseSequencer<>();
    /** A decoded frame and when it had fully arrived. */
    private record Frame(ByteBuffer bytes, long receivedAtNs) {}

    /** Decoded frames not yet dispatched; non-empty only while {@code sequencer.inFlight() == maxInflight}. */
    private final ArrayDeque<Frame> waitingFrames = new ArrayDeque<>();
    /** Set by a framing error: close once the frames decoded before it are answered. */
    private String pendingCloseReason;
    /** No more frames are accepted: a close is queued or done. */
    private boolean closing;
    private boolean closeLogged;
    private ChannelHandlerContext ctx;

    ConnectionHandler(RequestParser parser, RequestDispatcher dispatcher, Time time, String listenerName,
                      int maxInflight, String connectionId) {
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.handlerExecutor = dispatcher.newConnectionExecutor();
        this.time = time;
        this.listenerName = listenerName;
        this.maxInflight = maxInflight;
        this.connectionId = connectionId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || pendingCloseReason != null) {
            return; // the stream is being abandoned; dropping the heap frame is enough
        }
        waitingFrames.add(new Frame((ByteBuffer) msg, time.nanoseconds()));
        pump();
    }

    /** Kafka's {@code connections.max.idle.ms}: a connection with nothing in flight and no traffic is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && sequencer.inFlight() == 0 && waitingFrames.isEmpty() && !closing) {
            log.debug("Closing idle connection {}", connectionId);
            closing = true;
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        waitingFrames.clear();
        log.debug("Connection {} closed", connectionId);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof InvalidFrameException) {
            pendingCloseReason = cause.getMessage();
            pump();
        } else if (cause instanceof IOException) {
            log.debug("Connection {} failed: {}", connectionId, cause.toString());
            ctx.close();
        } else {
            closeNow("unexpected error: " + cause);
        }
    }

    /** Dispatches waiting frames while in-flight room remains, then queues a pending close. */
    private void pump() {
        while (!closing && !waitingFrames.isEmpty() && sequencer.inFlight() < maxInflight) {
            startRequest(waitingFrames.poll());
        }
        if (!closing && waitingFrames.isEmpty() && pendingCloseReason != null) {
            enqueueClose(pendingCloseReason);
        }
        updateAutoRead();
    }

    private void startRequest(Frame frame) {
        ParsedFrame parsed = parser.parse(frame.bytes());
        if (parsed instanceof ParsedFrame.Rejected rejected) {
            enqueueClose(rejected.reason());
            return;
        }
        ParsedFrame.Accepted accepted = (ParsedFrame.Accepted) parsed;
        RequestContext context = new RequestContext(accepted.header(), connectionId,
            ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), listenerName,
            KafkaPrincipal.ANONYMOUS, frame.receivedAtNs());
        long sequence = sequencer.append();
        CompletableFuture<AbstractResponse> response = dispatcher.dispatch(context, accepted.request(), handlerExecutor);
        // Serialize on the completing thread so the event loop only writes bytes.
        response.whenComplete((body, error) -> {
            ResponseAction action = toAction(accepted, body, error);
            ctx.channel().eventLoop().execute(() -> onCompleted(sequence, action));
        });
    }

    private static ResponseAction toAction(ParsedFrame.Accepted accepted, AbstractResponse body, Throwable error) {
        if (error != null) {
            return new ResponseAction.Close("no response could be built for " + accepted.header().apiKey()
                + " (correlation id " + accepted.header().correlationId() + "): " + error);
        }
        if (body instanceof NoResponse noResponse) {
            return noResponse.closeConnection()
                ? new ResponseAction.Close(accepted.header().apiKey() + " without response failed; closing as Kafka does")
                : new ResponseAction.Skip();
        }
        try {
            return new ResponseAction.Write(ResponseSerializer.frame(accepted.header(), accepted.responseVersion(), body));
        } catch (RuntimeException e) {
            log.error("Cannot serialize {} response v{}", accepted.header().apiKey(), accepted.responseVersion(), e);
            return new ResponseAction.Close("response serialization failed: " + e);
        }
    }

    private void enqueueClose(String reason) {
        closing = true;
        waitingFrames.clear();
        sequencer.complete(sequencer.append(), new ResponseAction.Close(reason));
        flushReady();
    }

    private void onCompleted(long sequence, ResponseAction action) {
        if (!ctx.channel().isActive()) {
            return; // the peer is gone; nothing to write to
        }
        sequencer.complete(sequence, action);
        flushReady();
        pump();
    }

    /** Writes every response that is next in request order. */
    private void flushReady() {
        boolean wrote = false;
        ResponseAction action;
        while ((action = sequencer.pollReady()) != null) {
            if (action instanceof ResponseAction.Write write) {
                for (Object part : write.parts()) {
                    ctx.write(part, ctx.voidPromise());
                }
                wrote = true;
            } else if (action instanceof ResponseAction.Close close) {
                logClose(close.reason());
                // Closes after the writes queued above reach the socket.
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void closeNow(String reason) {
        closing = true;
        waitingFrames.clear();
        logClose(reason);
        ctx.close();
    }

    private void logClose(String reason) {
        if (!closeLogged) {
            closeLogged = true;
            log.warn("Closing connection {} (listener {}): {}", connectionId, listenerName, reason);
        }
    }

    private void updateAutoRead() {
        boolean shouldRead = !closing
            && pendingCloseReason == null
            && waitingFrames.isEmpty()
            && sequencer.inFlight() < maxInflight
            && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != shouldRead) {
            ctx.channel().config().setAutoRead(shouldRead);
        }
    }
}
