package io.rafka.broker.handler.group;

import io.rafka.broker.group.JoinGroupResult;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/** A JoinGroup answered with an error before reaching a core (routing). Stateless, thread-safe. */
final class JoinGroupResultErrors {

    private JoinGroupResultErrors() {}

    static JoinGroupResult of(Errors error, String memberId) {
        return new JoinGroupResult(error, -1, null, null, "", memberId == null ? "" : memberId, List.of(), false);
    }
}
