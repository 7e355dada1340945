package io.rafka.cli.leaders;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka leaders}: move partition leadership. */
@Command(name = "leaders", description = "Elect partition leaders.", subcommands = {LeadersElectCommand.class})
public final class LeadersCommand extends CommandGroup {}
