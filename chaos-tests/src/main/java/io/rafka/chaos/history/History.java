package io.rafka.chaos.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The append-only record of a run: every operation in the order it was observed, kept in memory for the
 * checker and written to a JSON-lines file as it happens (so a crashed run still leaves its history).
 *
 * <p>Thread-safe: producers' callbacks, readers and the nemesis append concurrently; appends are serialised
 * by the monitor, which also makes {@code timeMs} non-decreasing along the file.
 */
public final class History implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LongSupplier nowMs;
    private final List<Op> ops = new ArrayList<>();
    private final BufferedWriter writer;

    /** @param nowMs milliseconds since the run started; {@code file} may be null for an in-memory history. */
    public History(LongSupplier nowMs, Path file) {
        this.nowMs = nowMs;
        try {
            this.writer = file == null ? null : Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long nowMs() {
        return nowMs.getAsLong();
    }

    /** Appends an operation built from the current time. */
    public synchronized Op append(java.util.function.LongFunction<Op> atTime) {
        Op op = atTime.apply(nowMs.getAsLong());
        ops.add(op);
        if (writer != null) {
            try {
                writer.write(JSON.writeValueAsString(op));
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return op;
    }

    public synchronized List<Op> snapshot() {
        return List.copyOf(ops);
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a history file back (for re-checking a past run). */
    public static List<Op> read(Path file) throws IOException {
        List<Op> result = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                result.add(JSON.readValue(line, Op.class));
            }
        }
        return result;
    }
}
