package io.rafka.chaos.cluster;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * One Rafka node in its container, and the faults that can be done to it.
 *
 * <p>States: RUNNING -> KILLED (kill -9) | STOPPED (SIGTERM) | PAUSED (SIGSTOP on every process);
 * KILLED | STOPPED -> RUNNING by {@link #restart}; PAUSED -> RUNNING by {@link #unpause}. Network cuts are
 * orthogonal: iptables rules live in the container's network namespace and vanish with it on a restart.
 *
 * <p>Not thread-safe: one nemesis drives a node at a time.
 */
public final class Node {

    public enum State { RUNNING, KILLED, STOPPED, PAUSED }

    private final int id;
    private final GenericContainer<?> container;
    private final Path logFile;
    private String ip;
    private State state = State.RUNNING;
    /** Peers whose traffic this node drops (both directions), by IP. */
    private final List<String> cutFrom = new ArrayList<>();

    Node(int id, GenericContainer<?> container, Path logFile) {
        this.id = id;
        this.container = container;
        this.logFile = logFile;
    }

    public int id() {
        return id;
    }

    public String ip() {
        return ip;
    }

    void ip(String ip) {
        this.ip = ip;
    }

    public String bootstrap() {
        return ip + ":" + ChaosCluster.KAFKA_PORT;
    }

    public State state() {
        return state;
    }

    public Path logFile() {
        return logFile;
    }

    GenericContainer<?> container() {
        return container;
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }

    /** How many times the node printed "ready in N ms" (once per successful start). */
    public int readyCount() {
        try {
            if (!Files.exists(logFile)) {
                return 0;
            }
            return (int) Files.readAllLines(logFile).stream().filter(l -> l.contains("ready in ")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void kill() {
        check(state == State.RUNNING, "kill node %s in state %s", id, state);
        docker().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
        state = State.KILLED;
        cutFrom.clear();
    }

    /** Controlled shutdown (SIGTERM), waiting up to 30 s before docker kills it. */
    public void stop() {
        check(state == State.RUNNING, "stop node %s in state %s", id, state);
        docker().stopContainerCmd(container.getContainerId()).withTimeout(30).exec();
        state = State.STOPPED;
        cutFrom.clear();
    }

    /** Starts a killed or stopped node again and waits until it serves. */
    public void restart(Duration timeout) throws InterruptedException {
        check(state == State.KILLED || state == State.STOPPED, "restart node %s in state %s", id, state);
        int before = readyCount();
        docker().startContainerCmd(container.getContainerId()).exec();
        state = State.RUNNING;
        awaitReady(before + 1, timeout);
    }

    public void awaitReady(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + id + " not ready after " + timeout + "; see " + logFile);
            }
            Thread.sleep(100);
        }
    }

    public void pause() {
        check(state == State.RUNNING, "pause node %s in state %s", id, state);
        docker().pauseContainerCmd(container.getContainerId()).exec();
        state = State.PAUSED;
    }

    public void unpause() {
        check(state == State.PAUSED, "unpause node %s in state %s", id, state);
        docker().unpauseContainerCmd(container.getContainerId()).exec();
        state = State.RUNNING;
    }

    /** Drops all traffic to and from {@code peer} on this side (the caller cuts the other side too). */
    public void cutFrom(Node peer) throws IOException, InterruptedException {
        check(state == State.RUNNING, "cut node %s in state %s", id, state);
        exec("iptables", "-A", "INPUT", "-s", peer.ip(), "-j", "DROP");
        exec("iptables", "-A", "OUTPUT", "-d", peer.ip(), "-j", "DROP");
        cutFrom.add(peer.ip());
    }

    /** Removes every cut on this node. */
    public void healNetwork() throws IOException, InterruptedException {
        if (state == State.RUNNING && !cutFrom.isEmpty()) {
            exec("iptables", "-F");
        }
        cutFrom.clear();
    }

    public boolean isCut() {
        return !cutFrom.isEmpty();
    }

    private void exec(String... command) throws IOException, InterruptedException {
        ExecResult result = container.execInContainer(command);
        check(result.getExitCode() == 0, "node %s: %s failed (%s): %s", id, String.join(" ", command),
            result.getExitCode(), result.getStderr());
    }

    static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalStateException(String.format(format, args));
        }
    }

    @Override
    public String toString() {
        return "n" + id;
    }
}
