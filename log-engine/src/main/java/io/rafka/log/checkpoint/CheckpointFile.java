package io.rafka.log.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's text checkpoint format: a version line ({@code 0}), a count line, then one entry per
 * line. Written atomically: write a temp file, fsync it, rename it over the old one, fsync the
 * directory, so a crash leaves either the old or the new checkpoint, never a torn one.
 *
 * <p>Stateless and thread-safe per file as long as callers do not write the same file concurrently.
 */
public final class CheckpointFile {

    private static final int VERSION = 0;

    private CheckpointFile() {}

    public static void write(Path file, List<String> entries) throws IOException {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(entries.size()).append('\n');
        for (String entry : entries) {
            text.append(entry).append('\n');
        }
        writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The entries, or an empty list if the file does not exist. */
    public static List<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            throw new CorruptCheckpointException(file, "fewer than 2 header lines");
        }
        if (!lines.get(0).trim().equals(Integer.toString(VERSION))) {
            throw new CorruptCheckpointException(file, "unknown version '" + lines.get(0) + "'");
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(1).trim());
        } catch (NumberFormatException e) {
            throw new CorruptCheckpointException(file, "bad count '" + lines.get(1) + "'");
        }
        if (count < 0 || lines.size() != count + 2) {
            throw new CorruptCheckpointException(file, "count " + count + " but " + (lines.size() - 2) + " entries");
        }
        return new ArrayList<>(lines.subList(2, lines.size()));
    }

    /** Temp file, fsync, atomic rename, fsync of the directory: the rename itself must survive a crash. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(file.toAbsolutePath().getParent());
    }

    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Parses a long field of a checkpoint entry, turning garbage into a typed error. */
    public static long parseLong(Path file, String text) throws CorruptCheckpointException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CorruptCheckpointException(file, "bad number '" + text + "'");
        }
    }
}
