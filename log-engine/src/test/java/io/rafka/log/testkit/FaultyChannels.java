package io.rafka.log.testkit;

import io.rafka.log.storage.FileChannelOpener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A {@link FileChannelOpener} whose channels for chosen paths start failing writes and fsyncs
 * with "No space left on device" once {@link #failWrites()} is called: a full disk on demand.
 * Thread-safe.
 */
public final class FaultyChannels implements FileChannelOpener {

    private final Predicate<Path> affected;
    private final AtomicBoolean failing = new AtomicBoolean();

    public FaultyChannels(Predicate<Path> affected) {
        this.affected = affected;
    }

    public void failWrites() {
        failing.set(true);
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        FileChannel real = FileChannel.open(path, options);
        return affected.test(path) ? new Channel(real) : real;
    }

    private void maybeFail() throws IOException {
        if (failing.get()) {
            throw new IOException("No space left on device (injected)");
        }
    }

    private final class Channel extends FileChannel {
        private final FileChannel real;

        Channel(FileChannel real) {
            this.real = real;
        }

        @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
        @Override public int write(ByteBuffer src) throws IOException { maybeFail(); return real.write(src); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { maybeFail(); return real.write(srcs, offset, length); }
        @Override public long position() throws IOException { return real.position(); }
        @Override public FileChannel position(long newPosition) throws IOException { real.position(newPosition); return this; }
        @Override public long size() throws IOException { return real.size(); }
        @Override public FileChannel truncate(long size) throws IOException { maybeFail(); real.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { maybeFail(); real.force(metaData); }
        @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return real.transferTo(position, count, target); }
        @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { maybeFail(); return real.transferFrom(src, position, count); }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
        @Override public int write(ByteBuffer src, long position) throws IOException { maybeFail(); return real.write(src, position); }
        @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return real.map(mode, position, size); }
        @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return real.lock(position, size, shared); }
        @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return real.tryLock(position, size, shared); }
        @Override protected void implCloseChannel() throws IOException { real.close(); }
    }
}
