package io.rafka.chaos.scenario;

import io.rafka.chaos.cluster.ChaosCluster;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Chaos scenarios need a Docker engine. A developer without one gets a skip that says why; CI (the CI
 * environment variable set) gets a failure, because a CI that skips its fault tests proves nothing.
 */
final class DockerRequired {

    private DockerRequired() { }

    static void check() {
        Optional<String> reason = ChaosCluster.dockerUnavailableReason();
        if (reason.isEmpty()) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            Assertions.fail("CI is set, so the chaos tests must run, but: " + reason.get()
                + " (.ci/run installs and starts dockerd; see shared/CONTAINERS.md)");
        }
        System.out.println("chaos tests skipped: " + reason.get() + " (start dockerd, or run in CI)");
        Assumptions.abort("chaos tests skipped: " + reason.get());
    }
}
