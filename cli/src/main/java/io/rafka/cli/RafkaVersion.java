package io.rafka.cli;

import picocli.CommandLine;

/**
 * {@code rafka --version}: the version Maven wrote into the jar's manifest, or "development" when
 * running from classes.
 *
 * <p>Thread-safety: stateless.
 */
final class RafkaVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = RafkaVersion.class.getPackage().getImplementationVersion();
        return new String[] {"rafka " + (version == null ? "development" : version)};
    }
}
