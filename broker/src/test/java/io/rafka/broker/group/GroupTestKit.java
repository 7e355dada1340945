package io.rafka.broker.group;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.Errors;

/** Builds coordinators over a sink whose appends the test completes (or lets complete at once). */
final class GroupTestKit {

    /** Records every append; completes it at once unless {@link #hold} is set. */
    static final class RecordingSink implements GroupRecordSink {
        final List<GroupRecord> durable = new ArrayList<>();
        final Deque<Pending> held = new ArrayDeque<>();
        boolean hold;
        /** The test's clock, read when an append completes. */
        java.util.function.LongSupplier clock = () -> 1_000L;

        record Pending(List<GroupRecord> records, Callback callback) {}

        @Override
        public void append(List<GroupRecord> records, Callback callback) {
            if (hold) {
                held.add(new Pending(records, callback));
            } else {
                durable.addAll(records);
                callback.onComplete(Errors.NONE, clock.getAsLong());
            }
        }

        void completeHeld(Errors error) {
            while (!held.isEmpty()) {
                Pending pending = held.poll();
                if (error == Errors.NONE) {
                    durable.addAll(pending.records());
                }
                pending.callback().onComplete(error, clock.getAsLong());
            }
        }
    }

    static final String GROUP = "g";
    static final String PROTOCOL_TYPE = "consumer";

    static GroupCoordinatorConfig configWithInitialDelayMs(int initialDelayMs) {
        return new GroupCoordinatorConfig(1_000, 60_000, initialDelayMs, 100, 4096);
    }

    static GroupCoordinator coordinator(RecordingSink sink, GroupCoordinatorConfig config) {
        AtomicInteger ids = new AtomicInteger();
        return new GroupCoordinator(config, sink, () -> "m" + ids.incrementAndGet());
    }

    static JoinGroupRequest join(String memberId, String instanceId, String clientId, String... protocols) {
        List<JoinGroupRequest.Protocol> list = new ArrayList<>();
        for (String protocol : protocols) {
            list.add(new JoinGroupRequest.Protocol(protocol, (clientId + ":" + protocol).getBytes()));
        }
        return new JoinGroupRequest(GROUP, memberId, instanceId, clientId, "/127.0.0.1", 10_000, 30_000,
                PROTOCOL_TYPE, list, true);
    }

    /** Holds the latest answer a callback received. */
    static final class Answer<T> implements java.util.function.Consumer<T> {
        final List<T> received = new ArrayList<>();

        @Override
        public void accept(T value) {
            received.add(value);
        }

        T last() {
            return received.isEmpty() ? null : received.get(received.size() - 1);
        }

        boolean answered() {
            return !received.isEmpty();
        }
    }

    private GroupTestKit() {}
}
