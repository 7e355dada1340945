package io.rafka.chaos.history;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a history: an operation's invocation or its completion, Jepsen style.
 *
 * <p>A send is recorded as {@code invoke} then exactly one of {@code ok} (acknowledged, with its partition
 * and offset), {@code fail} (definitely not written) or {@code info} (outcome unknown: it may or may not have
 * been written). A read is recorded as one {@code ok poll} per record returned. The nemesis records
 * {@code info} lines with {@code f = nemesis}.
 *
 * @param timeMs    milliseconds since the run started (never the wall clock: runs are comparable)
 * @param type      invoke, ok, fail or info
 * @param process   who did it: "producer-1", "reader-orders", "final-reader", "nemesis"
 * @param f         send, poll, create-topic or nemesis
 * @param topic     the topic, or null for nemesis lines
 * @param partition the partition, -1 when not known (a send's invocation before the partitioner chose)
 * @param offset    the offset, -1 when not known
 * @param value     the record's value (unique per send), or the nemesis event's description
 * @param error     the exception's simple name for fail / info, otherwise null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Op(long timeMs, Type type, String process, String f, String topic, int partition, long offset,
                 String value, String error) {

    public static final String SEND = "send";
    public static final String POLL = "poll";
    public static final String CREATE_TOPIC = "create-topic";
    public static final String NEMESIS = "nemesis";

    /** The four outcomes of Jepsen histories. */
    public enum Type { invoke, ok, fail, info }

    public static Op invokeSend(long timeMs, String process, String topic, String value) {
        return new Op(timeMs, Type.invoke, process, SEND, topic, -1, -1, value, null);
    }

    public static Op okSend(long timeMs, String process, String topic, int partition, long offset, String value) {
        return new Op(timeMs, Type.ok, process, SEND, topic, partition, offset, value, null);
    }

    public static Op failSend(long timeMs, String process, String topic, String value, String error) {
        return new Op(timeMs, Type.fail, process, SEND, topic, -1, -1, value, error);
    }

    public static Op infoSend(long timeMs, String process, String topic, String value, String error) {
        return new Op(timeMs, Type.info, process, SEND, topic, -1, -1, value, error);
    }

    public static Op poll(long timeMs, String process, String topic, int partition, long offset, String value) {
        return new Op(timeMs, Type.ok, process, POLL, topic, partition, offset, value, null);
    }

    public static Op nemesis(long timeMs, String description) {
        return new Op(timeMs, Type.info, NEMESIS, NEMESIS, null, -1, -1, description, null);
    }

    public boolean isSend() {
        return SEND.equals(f);
    }

    public boolean isPoll() {
        return POLL.equals(f) && type == Type.ok;
    }
}
