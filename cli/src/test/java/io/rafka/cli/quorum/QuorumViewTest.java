package io.rafka.cli.quorum;

import static org.apache.kafka.clients.admin.TestQuorumInfo.member;
import static org.apache.kafka.clients.admin.TestQuorumInfo.quorum;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code quorum describe} reads a DescribeQuorum answer into rows: lags, unknown figures, order. */
class QuorumViewTest {

    @Test
    void lagIsTheDistanceToTheLeadersLogEnd() {
        QuorumDescribeCommand.QuorumView view = QuorumDescribeCommand.view(quorum(2, 5, 90,
                List.of(member(3, 70, 1_000), member(2, 100, 1_000), member(1, 100, 1_000))));

        assertThat(view.members()).extracting(QuorumDescribeCommand.MemberView::id).containsExactly(1, 2, 3);
        assertThat(view.members()).extracting(QuorumDescribeCommand.MemberView::role)
                .containsExactly("follower", "leader", "follower");
        assertThat(view.members()).extracting(QuorumDescribeCommand.MemberView::lag).containsExactly(0L, 0L, 30L);
    }

    @Test
    void figuresTheAnsweringNodeDoesNotKnowAreUnknownNotZero() {
        // A Rafka node that is not the Raft leader reports the other voters with -1 figures.
        QuorumDescribeCommand.QuorumView view = QuorumDescribeCommand.view(quorum(4, 7, 50,
                List.of(member(3, 50, 1_000), member(1, -1, -1), member(4, -1, -1))));

        QuorumDescribeCommand.MemberView unknownFollower = view.members().get(0);
        QuorumDescribeCommand.MemberView answering = view.members().get(1);
        QuorumDescribeCommand.MemberView unknownLeader = view.members().get(2);
        assertThat(unknownFollower.logEndOffset()).isNull();
        assertThat(unknownFollower.lag()).as("not a claim that member 1 is caught up").isNull();
        assertThat(unknownFollower.lastFetchTimestampMs()).isNull();
        assertThat(unknownLeader.role()).isEqualTo("leader");
        assertThat(unknownLeader.logEndOffset()).isNull();
        // Without the leader's log end the commit index stands in.
        assertThat(answering.lag()).isZero();
        assertThat(QuorumDescribeCommand.age(unknownFollower.lastFetchTimestampMs(), 5_000)).isEqualTo("-");
    }
}
