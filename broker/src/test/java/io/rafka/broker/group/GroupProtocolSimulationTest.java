package io.rafka.broker.group;

import static io.rafka.broker.group.GroupTestKit.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.group.GroupTestKit.RecordingSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the classic group protocol: clients that follow the protocol as Kafka's
 * consumer does join, sync, heartbeat, leave, crash and restart over a fake clock. After every step:
 * generations never go back, no partition is owned by two members of one generation, and a member
 * handed an assignment is a member. After the chaos, live clients must converge to one stable
 * generation that assigns every partition exactly once.
 *
 * <p>Replay a failure with {@code -Dgroup.sim.seed=<seed>}.
 */
class GroupProtocolSimulationTest {

    private static final int PARTITIONS = 12;
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final int HEARTBEAT_INTERVAL_MS = 3_000;

    @Test
    void randomMembershipChurnKeepsAssignmentsDisjointAndConverges() {
        long baseSeed = Long.getLong("group.sim.seed", System.nanoTime());
        int runs = Long.getLong("group.sim.seed") != null ? 1 : Integer.getInteger("group.sim.runs", 40);
        for (int run = 0; run < runs; run++) {
            long seed = baseSeed + run;
            try {
                new Simulation(seed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("group simulation failed; replay with -Dgroup.sim.seed=" + seed, e);
            }
        }
        System.out.println("group simulation passed " + runs + " runs from seed " + baseSeed);
    }

    private static final class Simulation {
        private final Random random;
        private final RecordingSink sink = new RecordingSink();
        private final GroupCoordinator coordinator;
        private final List<Client> clients = new ArrayList<>();
        private long nowMs = 0;
        private int highestGeneration = 0;
        /** generation -> partition -> member that was handed it. */
        private final Map<Integer, Map<Integer, String>> owners = new HashMap<>();

        Simulation(long seed) {
            random = new Random(seed);
            sink.clock = () -> nowMs;
            AtomicInteger ids = new AtomicInteger();
            coordinator = new GroupCoordinator(new GroupCoordinatorConfig(1_000, 60_000, random.nextInt(2) * 3_000,
                    100, 4096), sink, () -> "m" + ids.incrementAndGet());
            int count = 2 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                clients.add(new Client("c" + i, random.nextBoolean() ? "instance-" + i : null));
            }
        }

        void run() {
            for (int step = 0; step < 400; step++) {
                nowMs += 1 + random.nextInt(1_500);
                Client client = clients.get(random.nextInt(clients.size()));
                if (Boolean.getBoolean("group.sim.trace")) {
                    System.out.println(nowMs + " " + coordinator.stateOf(GROUP) + " gen " + coordinator.generationOf(GROUP)
                            + " " + coordinator.memberIds(GROUP) + " " + clients);
                }
                int dice = random.nextInt(100);
                if (dice < 3) {
                    client.crash();
                } else if (dice < 6) {
                    client.leave();
                } else if (dice < 10 && !client.alive) {
                    client.alive = true;
                }
                clients.forEach(Client::act);
                coordinator.tick(nowMs);
                checkInvariants();
            }
            // Heal: everyone alive, nobody misbehaves; the group must settle.
            clients.forEach(c -> c.alive = true);
            for (int step = 0; step < 200 && !converged(); step++) {
                if (Boolean.getBoolean("group.sim.trace")) {
                    System.out.println(nowMs + " " + coordinator.stateOf(GROUP) + " gen " + coordinator.generationOf(GROUP)
                            + " " + coordinator.memberIds(GROUP) + " " + clients);
                }
                nowMs += 500;
                clients.forEach(Client::act);
                coordinator.tick(nowMs);
                checkInvariants();
            }
            assertThat(converged()).as("group converged: state %s, members %s, clients %s", coordinator.stateOf(GROUP),
                    coordinator.memberIds(GROUP), clients).isTrue();
        }

        private boolean converged() {
            if (coordinator.stateOf(GROUP) != GroupState.STABLE) {
                return false;
            }
            Set<String> live = new HashSet<>();
            Set<Integer> assigned = new HashSet<>();
            for (Client client : clients) {
                if (!client.stableIn(coordinator.generationOf(GROUP))) {
                    return false;
                }
                live.add(client.memberId);
                for (int partition : client.assignment) {
                    assertThat(assigned.add(partition)).as("partition %s assigned twice", partition).isTrue();
                }
            }
            return live.equals(coordinator.memberIds(GROUP)) && assigned.size() == PARTITIONS;
        }

        private void checkInvariants() {
            int generation = coordinator.generationOf(GROUP);
            assertThat(generation).as("generation went back").isGreaterThanOrEqualTo(highestGeneration);
            highestGeneration = Math.max(highestGeneration, generation);
        }

        /**
         * Owners are identified by group.instance.id when static: a restarted static member takes
         * over its old assignment under a new member id in the same generation (KIP-345), and its
         * old id is fenced.
         */
        void recordAssignment(int generation, String memberId, String instanceId, List<Integer> partitions) {
            if (Boolean.getBoolean("group.sim.trace")) {
                System.out.println(nowMs + " ASSIGN gen " + generation + " " + memberId + " " + partitions);
            }
            assertThat(coordinator.memberIds(GROUP)).as("assignment handed to a non-member").contains(memberId);
            String owner = instanceId != null ? instanceId : memberId;
            Map<Integer, String> byPartition = owners.computeIfAbsent(generation, g -> new HashMap<>());
            for (int partition : partitions) {
                String previous = byPartition.putIfAbsent(partition, owner);
                assertThat(previous == null || previous.equals(owner))
                        .as("generation %s: partition %s owned by %s and %s", generation, partition, previous, owner)
                        .isTrue();
            }
        }

        /** A consumer that follows the protocol, one action per step, reacting to its last answer. */
        private final class Client {
            final String clientId;
            final String instanceId;
            boolean alive = true;
            String memberId = "";
            int generation = -1;
            List<Integer> assignment = List.of();
            long lastHeartbeatMs;
            Phase phase = Phase.MUST_JOIN;
            /** Answers arrive like network responses: after the call that produced them returns. */
            final java.util.ArrayDeque<Runnable> inbox = new java.util.ArrayDeque<>();

            Client(String clientId, String instanceId) {
                this.clientId = clientId;
                this.instanceId = instanceId;
            }

            @Override
            public String toString() {
                return clientId + "/" + instanceId + "[" + memberId + " gen " + generation + " " + phase + "]";
            }

            boolean stableIn(int groupGeneration) {
                return alive && phase == Phase.STABLE && generation == groupGeneration;
            }

            void crash() {
                alive = false;
                inbox.clear();
                // A restarted dynamic consumer has lost its id; a static one keeps its instance id.
                memberId = "";
                generation = -1;
                assignment = List.of();
                phase = Phase.MUST_JOIN;
            }

            void leave() {
                if (!memberId.isEmpty() || instanceId != null) {
                    coordinator.handleLeaveGroup(GROUP, List.of(new GroupCoordinator.LeavingMember(memberId, instanceId)),
                            nowMs);
                }
                crash();
            }

            void act() {
                while (!inbox.isEmpty()) {
                    inbox.poll().run();
                }
                if (!alive) {
                    return;
                }
                switch (phase) {
                    case MUST_JOIN -> join();
                    case STABLE -> {
                        if (nowMs - lastHeartbeatMs >= HEARTBEAT_INTERVAL_MS) {
                            heartbeat();
                        }
                    }
                    case WAITING -> heartbeatWhileWaiting();
                }
            }

            private void heartbeatWhileWaiting() {
                if (generation >= 0 && nowMs - lastHeartbeatMs >= HEARTBEAT_INTERVAL_MS) {
                    lastHeartbeatMs = nowMs;
                    coordinator.handleHeartbeat(GROUP, memberId, instanceId, generation, nowMs);
                }
            }

            private void heartbeat() {
                lastHeartbeatMs = nowMs;
                Errors error = coordinator.handleHeartbeat(GROUP, memberId, instanceId, generation, nowMs);
                switch (error) {
                    case NONE -> { }
                    case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION -> phase = Phase.MUST_JOIN;
                    default -> resetAndRejoin();
                }
            }

            private void resetAndRejoin() {
                memberId = "";
                generation = -1;
                assignment = List.of();
                phase = Phase.MUST_JOIN;
            }

            private void join() {
                phase = Phase.WAITING;
                lastHeartbeatMs = nowMs;
                JoinGroupRequest request = new JoinGroupRequest(GROUP, memberId, instanceId, clientId, "/127.0.0.1",
                        SESSION_TIMEOUT_MS, 20_000, "consumer",
                        List.of(new JoinGroupRequest.Protocol("range", new byte[0])), true);
                coordinator.handleJoinGroup(request, nowMs, result -> inbox.add(() -> onJoin(result)));
            }

            private void onJoin(JoinGroupResult result) {
                if (!alive) {
                    return;
                }
                switch (result.error()) {
                    case NONE -> {
                        memberId = result.memberId();
                        generation = result.generationId();
                        Map<String, byte[]> assignments = new HashMap<>();
                        if (result.leaderId().equals(memberId) && !result.skipAssignment()) {
                            assignments = assignRoundRobin(result.members());
                        }
                        int generationOfRequest = generation;
                        String requester = memberId;
                        coordinator.handleSyncGroup(new SyncGroupRequest(GROUP, generation, memberId, instanceId,
                                "consumer", "range", assignments), nowMs, answer -> {
                            // Checked when the coordinator answers, not when the client reads it.
                            if (answer.error() == Errors.NONE) {
                                recordAssignment(generationOfRequest, requester, instanceId, decode(answer.assignment()));
                            }
                            inbox.add(() -> onSync(answer));
                        });
                    }
                    case MEMBER_ID_REQUIRED -> {
                        memberId = result.memberId();
                        phase = Phase.MUST_JOIN;
                    }
                    case REBALANCE_IN_PROGRESS -> phase = Phase.MUST_JOIN;
                    default -> resetAndRejoin();
                }
            }

            private void onSync(SyncGroupResult result) {
                if (!alive) {
                    return;
                }
                switch (result.error()) {
                    case NONE -> {
                        assignment = decode(result.assignment());
                        phase = Phase.STABLE;
                        lastHeartbeatMs = nowMs;
                    }
                    case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION -> phase = Phase.MUST_JOIN;
                    default -> resetAndRejoin();
                }
            }
        }

        private static Map<String, byte[]> assignRoundRobin(List<JoinGroupResult.Member> members) {
            Map<String, List<Integer>> byMember = new HashMap<>();
            members.forEach(m -> byMember.put(m.memberId(), new ArrayList<>()));
            for (int partition = 0; partition < PARTITIONS; partition++) {
                byMember.get(members.get(partition % members.size()).memberId()).add(partition);
            }
            Map<String, byte[]> encoded = new HashMap<>();
            byMember.forEach((member, partitions) -> {
                ByteBuffer buffer = ByteBuffer.allocate(4 * partitions.size());
                partitions.forEach(buffer::putInt);
                encoded.put(member, buffer.array());
            });
            return encoded;
        }

        private static List<Integer> decode(byte[] assignment) {
            List<Integer> partitions = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.wrap(assignment);
            while (buffer.remaining() >= 4) {
                partitions.add(buffer.getInt());
            }
            return partitions;
        }

        private enum Phase { MUST_JOIN, WAITING, STABLE }
    }
}
