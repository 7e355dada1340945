package io.rafka.metadata.quorum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * Reads a Ratis division's state into a {@link QuorumInfo}. Per-replica indexes are the commit indexes the
 * leader knows each peer has reached; contact times come from the leader's follower table.
 *
 * <p>Stateless, thread-safe.
 */
final class QuorumDescriber {

    private QuorumDescriber() {}

    static QuorumInfo describe(RaftServer.Division division, List<QuorumPeer> voters) {
        DivisionInfo info = division.getInfo();
        RaftPeerId leader = info.getLeaderId();
        long commitIndex = division.getRaftLog().getLastCommittedIndex();
        long lastIndex = division.getRaftLog().getLastEntryTermIndex() == null ? -1
            : division.getRaftLog().getLastEntryTermIndex().getIndex();
        Map<String, Long> peerIndex = new HashMap<>();
        Map<String, Long> lastContactMs = new HashMap<>();
        if (info.isLeader()) {
            for (CommitInfoProto commit : division.getCommitInfos()) {
                peerIndex.put(commit.getServer().getId().toStringUtf8(), commit.getCommitIndex());
            }
            RoleInfoProto role = info.getRoleInfoProto();
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                lastContactMs.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
            }
        }
        String self = division.getId().toString();
        peerIndex.put(self, lastIndex);
        lastContactMs.put(self, 0L);
        List<QuorumInfo.ReplicaState> voterStates = new ArrayList<>();
        List<QuorumInfo.ReplicaState> observerStates = new ArrayList<>();
        for (RaftPeer peer : division.getGroup().getPeers()) {
            String id = peer.getId().toString();
            if (!info.isLeader() && !id.equals(self)) {
                continue;
            }
            long index = peerIndex.getOrDefault(id, -1L);
            QuorumInfo.ReplicaState state = new QuorumInfo.ReplicaState(Integer.parseInt(id), index,
                index < 0 ? -1 : Math.max(0, lastIndex - index), lastContactMs.getOrDefault(id, -1L));
            boolean isVoter = voters.stream().anyMatch(v -> Integer.toString(v.nodeId()).equals(id));
            (isVoter ? voterStates : observerStates).add(state);
        }
        return new QuorumInfo(leader == null ? -1 : Integer.parseInt(leader.toString()), info.getCurrentTerm(),
            commitIndex, info.getLastAppliedIndex(), voterStates, observerStates);
    }
}
