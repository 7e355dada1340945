package io.rafka.chaos.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The image the nodes run on: an empty root file system whose {@code /usr} (and so {@code java},
 * {@code bash}, {@code iptables}) is bound from the host at run time. No registry is reachable here, so it is
 * made locally with {@code docker import} (see shared/CONTAINERS.md); it takes a tenth of a second.
 *
 * <p>NB: docker-java has no import command, hence the docker CLI, which is installed wherever the engine is.
 */
public final class BaseImage {

    public static final String NAME = "rafka/base:local";

    private static final String SCRIPT = String.join("\n",
        "set -euo pipefail",
        "d=$(mktemp -d); mkdir -p $d/tmp $d/etc $d/data $d/opt; chmod 1777 $d/tmp",
        "for l in bin lib lib64 sbin; do ln -s usr/$l $d/$l; done",
        "tar -C $d -c . | docker import --change 'LABEL " + ChaosCluster.LABEL + "=true' - " + NAME,
        "rm -rf $d");

    private BaseImage() { }

    /** Imports the image unless the engine already has it. */
    public static synchronized void ensure() throws IOException, InterruptedException {
        if (!DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(NAME).exec().isEmpty()) {
            return;
        }
        Process process = new ProcessBuilder("bash", "-c", SCRIPT).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("docker import of " + NAME + " failed: " + output);
        }
    }
}
