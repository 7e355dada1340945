package io.rafka.cli.quorum;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputFormat;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rafka quorum describe}: the DescribeQuorum API. Term is the leader epoch, the commit
 * index is the quorum's high watermark, a member's lag is how far its log end is behind the leader's.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "describe", description = "Show the quorum leader, term, commit index and each member's lag.")
final class QuorumDescribeCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    QuorumDescribeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The JSON form. */
    record QuorumView(int leaderId, long term, long commitIndex, List<MemberView> members) {}

    /**
     * One voter or observer. Timestamps are epoch milliseconds; log end, lag and timestamps are null
     * when the answering node does not know them (a Rafka node that is not the Raft leader reports
     * the other voters' figures as -1).
     */
    record MemberView(int id, String role, String endpoints, Long logEndOffset, Long lag,
            Long lastFetchTimestampMs, Long lastCaughtUpTimestampMs) {}

    @Override
    public Integer call() {
        QuorumInfo info;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            info = session.await(session.admin().describeMetadataQuorum().quorumInfo(), "describe metadata quorum");
        }
        QuorumView view = view(info);
        // The table shows ages (what an operator compares); JSON keeps the raw timestamps for scripts.
        long nowMs = environment.time().milliseconds();
        Table table = new Table("ID", "ROLE", "ENDPOINTS", "LOG-END-OFFSET", "LAG", "LAST-FETCH", "LAST-CAUGHT-UP");
        view.members().forEach(m -> table.addRow(m.id(), m.role(), m.endpoints(), m.logEndOffset(), m.lag(),
                age(m.lastFetchTimestampMs(), nowMs), age(m.lastCaughtUpTimestampMs(), nowMs)));
        if (output.format() == OutputFormat.TABLE) {
            environment.out().println("Leader: " + view.leaderId() + "  Term: " + view.term()
                    + "  Commit index: " + view.commitIndex());
            environment.out().println();
        }
        output.print(environment, view, table);
        return 0;
    }

    /** "120 ms ago", or "-" when the broker did not report the time. */
    static String age(Long timestampMs, long nowMs) {
        return timestampMs == null || timestampMs < 0 ? "-" : Math.max(0, nowMs - timestampMs) + " ms ago";
    }

    static QuorumView view(QuorumInfo info) {
        // Lag is measured against the leader's log end, as kafka-metadata-quorum does; the commit index
        // stands in when the leader's log end is not reported (absent or -1).
        long leaderLogEndOffset = info.voters().stream().filter(voter -> voter.replicaId() == info.leaderId())
                .mapToLong(QuorumInfo.ReplicaState::logEndOffset).filter(offset -> offset >= 0).findFirst()
                .orElse(info.highWatermark());
        List<MemberView> members = new ArrayList<>();
        info.voters().stream().sorted(Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId))
                .forEach(voter -> members.add(member(info, voter,
                        voter.replicaId() == info.leaderId() ? "leader" : "follower", leaderLogEndOffset)));
        info.observers().stream().sorted(Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId))
                .forEach(observer -> members.add(member(info, observer, "observer", leaderLogEndOffset)));
        return new QuorumView(info.leaderId(), info.leaderEpoch(), info.highWatermark(), members);
    }

    private static MemberView member(QuorumInfo info, QuorumInfo.ReplicaState replica, String role,
            long leaderLogEndOffset) {
        QuorumInfo.Node node = info.nodes().get(replica.replicaId());
        String endpoints = node == null || node.endpoints().isEmpty() ? "-"
                : String.join(",", node.endpoints().stream().map(QuorumDescribeCommand::endpoint).toList());
        // NB: -1 means "not known to the node that answered"; a lag of 0 there would claim a caught-up member.
        boolean known = replica.logEndOffset() >= 0;
        return new MemberView(replica.replicaId(), role, endpoints,
                known ? replica.logEndOffset() : null,
                known ? Math.max(0, leaderLogEndOffset - replica.logEndOffset()) : null,
                replica.lastFetchTimestamp().isPresent() ? replica.lastFetchTimestamp().getAsLong() : null,
                replica.lastCaughtUpTimestamp().isPresent() ? replica.lastCaughtUpTimestamp().getAsLong() : null);
    }

    private static String endpoint(RaftVoterEndpoint endpoint) {
        return endpoint.name() + "://" + endpoint.host() + ":" + endpoint.port();
    }
}
