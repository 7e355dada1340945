package io.rafka.cli;

import static io.rafka.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliUsageTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "topics",
        "no-such-command",
        "topics create",
        "topics list --no-such-option",
        "topics create t --partitions many",
        "topics list --timeout soon",
        "topics list --output yaml",
        "configs describe",
        "configs describe --topic t --broker 1",
        "configs set --topic t retention.ms",
        "partitions reassign",
        "partitions reassign --generate --brokers 1,2",
        "partitions reassign --execute",
        "partitions reassign --verify --plan p.json --throttle 100",
        "partitions reassign --cancel --plan p.json --wait",
        "leaders elect --preferred",
        "leaders elect --preferred --unclean --all",
        "leaders elect --unclean --all --partition 1",
        "groups reset-offsets g --topic t",
        "groups reset-offsets g --topic t --to-datetime yesterday",
        "produce",
        "produce --topic t --header novalue",
        "perf produce --topic t --records 10",
    })
    void badUsageExitsWithTwoAndSaysWhy(String line) {
        CliRun.Result result = cli().run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).as(result.toString()).isNotBlank().doesNotContain("\tat ");
    }

    static List<String> everyCommand() {
        List<String> paths = new ArrayList<>();
        collect(Rafka.commandLine(CliEnvironment.system()), "", paths);
        return paths;
    }

    private static void collect(CommandLine command, String prefix, List<String> paths) {
        paths.add(prefix.trim());
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, prefix + " " + name, paths);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandHasHelp(String path) {
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.add("--help");

        CliRun.Result result = cli().run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Usage: rafka" + (path.isEmpty() ? "" : " " + path));
    }

    /** Rafka.run builds only the branch a command line names; what it prints must not depend on that. */
    @ParameterizedTest
    @MethodSource("everyCommand")
    void helpFromTheBranchAloneIsTheWholeTreesHelp(String path) {
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.add("--help");
        StringWriter wholeTreeOut = new StringWriter();
        CliEnvironment environment = CliEnvironment.of(new PrintWriter(wholeTreeOut, true),
                new PrintWriter(new StringWriter(), true), InputStream.nullInputStream());

        int wholeTreeExit = Rafka.commandLine(environment).execute(args.toArray(String[]::new));
        CliRun.Result branchOnly = cli().run(args.toArray(String[]::new));

        assertThat(branchOnly.exitCode()).isEqualTo(wholeTreeExit).isZero();
        assertThat(branchOnly.out()).isEqualTo(wholeTreeOut.toString());
    }

    @Test
    void onlyTheNamedBranchIsBuilt() {
        assertThat(Rafka.branchNamedBy("server", "start")).hasSize(1);
        assertThat(Rafka.branchNamedBy("topics", "list", "--bootstrap-server", "b:9092")).hasSize(1);
        int all = RafkaCommand.SUBCOMMANDS.size();
        assertThat(Rafka.branchNamedBy()).hasSize(all);
        assertThat(Rafka.branchNamedBy("--verbose", "server", "start")).hasSize(all);
        assertThat(Rafka.branchNamedBy("topcis", "list")).hasSize(all);
        assertThat(Rafka.branchNamedBy("generate-completion")).hasSize(all);
    }

    @Test
    void aMisspeltCommandIsNamedWithWhatItResembles() {
        CliRun.Result result = cli().run("topcis", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("topcis").contains("topics");
    }

    /** --verbose is declared on the root and inherited: it must still reach a branch built alone. */
    @Test
    void verboseAfterASubcommandShowsTheStackTrace() {
        CliRun.Result result = cli().run("topics", "list", "--verbose", "--bootstrap-server", "127.0.0.1:1",
                "--timeout", "1s");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).as(result.toString()).contains("\tat ");
    }

    @Test
    void commandTreeHasEveryAdminCommandTheIssueLists() {
        assertThat(everyCommand()).contains(
                "topics create", "topics list", "topics describe", "topics alter", "topics delete",
                "configs describe", "configs set", "configs delete", "partitions reassign", "leaders elect",
                "cluster describe", "quorum describe", "groups list", "groups describe", "groups reset-offsets",
                "groups delete", "produce", "consume", "perf produce", "perf consume", "generate-completion");
    }

    @Test
    void generatesAShellCompletionScript() {
        CliRun.Result result = cli().run("generate-completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F").contains("reassign").contains("--bootstrap-server");
    }

    @Test
    void versionIsPrinted() {
        CliRun.Result result = cli().run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("rafka ");
    }
}
