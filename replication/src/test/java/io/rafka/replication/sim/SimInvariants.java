package io.rafka.replication.sim;

import io.rafka.replication.LeaderPartitionState;
import io.rafka.replication.PartitionRegistration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The safety properties checked after every simulation step. It keeps a ledger of committed
 * records: everything any leader ever had below its high watermark, which must never change.
 *
 * <ol>
 *   <li>A leader's high watermark never moves backwards within its epoch.</li>
 *   <li>Every record below a leader's high watermark is on every ISR member (a replica in both the
 *       leader's committed ISR and the controller's; a replica the controller has already fenced,
 *       or that the leader has not yet heard was added, is excluded).</li>
 *   <li>Replicas agree on every offset below their high watermark: each replica's log below its
 *       own high watermark equals the ledger.</li>
 *   <li>No acknowledged record is lost: every acks=all acknowledgement names a ledger record, and
 *       the controller's current leader, once it acts as leader, holds the whole ledger.</li>
 * </ol>
 *
 * <p>Logs are compared by prefix digests ({@link SimLog#prefixHash}), so each check is O(1) per
 * replica. Not thread-safe.
 */
final class SimInvariants {

    private final List<SimRecord> ledger = new ArrayList<>();
    private final List<Long> ledgerPrefixHashes = new ArrayList<>(List.of(0L));
    private final Map<String, Long> highWatermarkByLeaderTerm = new HashMap<>();
    private final List<long[]> uncheckedAcknowledgements = new ArrayList<>();

    void onAcknowledged(long value, long offset) {
        uncheckedAcknowledgements.add(new long[] {value, offset});
    }

    long committedCount() {
        return ledger.size();
    }

    void check(SimController controller, Map<Integer, SimNode> nodes) {
        PartitionRegistration registration = controller.registration();
        for (SimNode node : nodes.values()) {
            if (node.isAlive() && node.leaderState().isPresent()) {
                checkLeader(node, node.leaderState().get(), registration, nodes);
            }
        }
        for (SimNode node : nodes.values()) {
            if (node.isAlive()) {
                checkAgreesWithLedger(node, node.log().highWatermark(), "its high watermark");
            }
        }
        for (long[] acknowledged : uncheckedAcknowledgements) {
            long value = acknowledged[0];
            long offset = acknowledged[1];
            require(offset < ledger.size() && ledger.get(Math.toIntExact(offset)).value() == value,
                    "acknowledged value %s at offset %s is not the committed record there (%s committed)",
                    value, offset, ledger.size());
        }
        uncheckedAcknowledgements.clear();
        checkCurrentLeaderHoldsLedger(registration, nodes);
    }

    private void checkLeader(SimNode node, LeaderPartitionState leader, PartitionRegistration registration,
                             Map<Integer, SimNode> nodes) {
        long highWatermark = leader.highWatermark();
        String term = node.id() + "/" + node.incarnation() + "/" + leader.leaderEpoch();
        Long previous = highWatermarkByLeaderTerm.put(term, highWatermark);
        require(previous == null || highWatermark >= previous,
                "leader %s epoch %s high watermark moved back from %s to %s", node.id(), leader.leaderEpoch(), previous, highWatermark);
        require(node.log().highWatermark() == highWatermark, "leader %s log high watermark %s != state's %s",
                node.id(), node.log().highWatermark(), highWatermark);

        checkAgreesWithLedger(node, Math.min(highWatermark, ledger.size()), "the leader's high watermark");
        for (long offset = ledger.size(); offset < highWatermark; offset++) {
            SimRecord record = node.log().recordAt(offset);
            ledgerPrefixHashes.add(SimLog.extendHash(ledgerPrefixHashes.get(ledgerPrefixHashes.size() - 1), record));
            ledger.add(record);
        }

        Set<Integer> inSync = new TreeSet<>(leader.isr());
        inSync.retainAll(registration.isr());
        for (int memberId : inSync) {
            SimNode member = nodes.get(memberId);
            if (memberId == node.id() || !member.isAlive()) {
                continue;
            }
            require(member.log().logEndOffset() >= highWatermark
                            && member.log().prefixHash(highWatermark) == node.log().prefixHash(highWatermark),
                    "isr member %s (log end %s) lacks records below leader %s's high watermark %s (epoch %s, isr %s)",
                    memberId, member.log().logEndOffset(), node.id(), highWatermark, leader.leaderEpoch(), inSync);
        }
    }

    private void checkAgreesWithLedger(SimNode node, long endOffset, String what) {
        require(endOffset <= ledger.size(), "node %s has %s at %s beyond anything committed (%s)",
                node.id(), what, endOffset, ledger.size());
        require(node.log().prefixHash(endOffset) == ledgerPrefixHashes.get(Math.toIntExact(endOffset)),
                "node %s disagrees with committed records below %s (%s)", node.id(), endOffset, what);
    }

    private void checkCurrentLeaderHoldsLedger(PartitionRegistration registration, Map<Integer, SimNode> nodes) {
        if (!registration.hasLeader()) {
            return;
        }
        SimNode current = nodes.get(registration.leaderId());
        Optional<LeaderPartitionState> state = current.leaderState();
        if (!current.isAlive() || state.isEmpty() || state.get().leaderEpoch() != registration.leaderEpoch()) {
            return; // not yet acting on its election
        }
        long committed = ledger.size();
        require(current.log().logEndOffset() >= committed
                        && current.log().prefixHash(committed) == ledgerPrefixHashes.get(Math.toIntExact(committed)),
                "leader %s of epoch %s (log end %s) lost committed records: %s were committed",
                current.id(), registration.leaderEpoch(), current.log().logEndOffset(), committed);
    }

    private static void require(boolean condition, String format, Object... values) {
        if (!condition) {
            throw new SimViolation(String.format(format, values));
        }
    }

    /** A broken safety property: the simulation found a bug (or, in ANYTHING_GOES, the expected loss). */
    static final class SimViolation extends AssertionError {
        private static final long serialVersionUID = 1L;

        SimViolation(String message) {
            super(message);
        }
    }
}
