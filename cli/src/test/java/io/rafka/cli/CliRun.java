package io.rafka.cli;

import io.rafka.common.Time;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * Runs one {@code rafka} command line in-process and keeps what it printed. Point it at any
 * cluster with {@code --bootstrap-server}, or at a fake one with {@link #withAdmin}.
 */
public final class CliRun {
    private String stdin = "";
    private Function<Properties, Admin> adminFactory = Admin::create;
    private Time time = Time.SYSTEM;

    public static CliRun cli() {
        return new CliRun();
    }

    public CliRun withStdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Every Admin client the command creates is {@code admin} (a MockAdminClient, whose close does nothing). */
    public CliRun withAdmin(Admin admin) {
        this.adminFactory = properties -> admin;
        return this;
    }

    /** A MockTime makes waits and progress intervals instant. */
    public CliRun withTime(Time time) {
        this.time = time;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), time, adminFactory);
        int exitCode = Rafka.run(environment, args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** What a run left behind. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
