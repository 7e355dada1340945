package io.rafka.cli;

import io.rafka.common.Time;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * What a command may touch outside itself: its streams, the clock, and how it creates Admin
 * clients. Passed in so that tests run commands in-process, read what they printed, and may hand
 * them a fake Admin client.
 *
 * <p>Thread-safety: immutable; the writers are {@link PrintWriter}s, which synchronize each call.
 *
 * @param out where results go (tables, JSON, consumed records)
 * @param err where progress lines and error messages go
 * @param in what {@code rafka produce} reads
 * @param time the clock for progress intervals, rates and throttling
 * @param adminFactory creates the Admin client from the client properties ({@link Admin#create} in production)
 */
public record CliEnvironment(
        PrintWriter out, PrintWriter err, InputStream in, Time time, Function<Properties, Admin> adminFactory) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(adminFactory, "adminFactory");
    }

    /** The process's own streams and the real clock. */
    public static CliEnvironment system() {
        return new CliEnvironment(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in, Time.SYSTEM, Admin::create);
    }

    /** Real Admin clients and the real clock, with the given streams: what tests against a live cluster use. */
    public static CliEnvironment of(PrintWriter out, PrintWriter err, InputStream in) {
        return new CliEnvironment(out, err, in, Time.SYSTEM, Admin::create);
    }
}
