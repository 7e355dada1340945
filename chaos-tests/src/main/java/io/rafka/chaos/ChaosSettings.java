package io.rafka.chaos;

import io.rafka.chaos.nemesis.FaultKind;
import java.nio.file.Path;
import java.util.List;

/**
 * The knobs of a chaos run, from system properties (the pom passes them to failsafe):
 * {@code chaos.time} (seconds of faults in the mixed scenario), {@code chaos.nodes}, {@code chaos.nemesis}
 * (families or kinds), {@code chaos.seed} (replay a run), {@code chaos.distJar}, {@code chaos.outputDir}.
 */
public record ChaosSettings(long timeSeconds, int nodes, List<FaultKind> nemesis, long seed, boolean seedGiven,
                            Path distJar, Path outputDir) {

    public static ChaosSettings fromSystemProperties() {
        String seedText = System.getProperty("chaos.seed", "").trim();
        boolean seedGiven = !seedText.isEmpty();
        long seed = seedGiven ? Long.parseLong(seedText) : System.nanoTime() & 0xffffffffL;
        String distJar = System.getProperty("chaos.distJar", "../cli/target/rafka-cli-0.1.0-SNAPSHOT.jar");
        return new ChaosSettings(
            Long.parseLong(System.getProperty("chaos.time", "60").trim()),
            Integer.parseInt(System.getProperty("chaos.nodes", "3").trim()),
            FaultKind.parse(System.getProperty("chaos.nemesis", "kill,pause,partition")),
            seed, seedGiven,
            Path.of(distJar).toAbsolutePath().normalize(),
            Path.of(System.getProperty("chaos.outputDir", "target/chaos")).toAbsolutePath());
    }
}
