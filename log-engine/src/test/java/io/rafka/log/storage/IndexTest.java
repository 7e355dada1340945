package io.rafka.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTest {

    @TempDir
    Path dir;

    @Test
    void offsetIndexLooksUpTheLastEntryAtOrBelowTheTarget() throws IOException {
        OffsetIndex index = new OffsetIndex(dir.resolve("a.index"), 100, 1024, true, FileChannelOpener.DEFAULT);
        index.append(110, 500);
        index.append(120, 900);

        assertThat(index.lookup(105)).isEqualTo(new OffsetPosition(100, 0));
        assertThat(index.lookup(110)).isEqualTo(new OffsetPosition(110, 500));
        assertThat(index.lookup(119)).isEqualTo(new OffsetPosition(110, 500));
        assertThat(index.lookup(1_000)).isEqualTo(new OffsetPosition(120, 900));
        assertThatThrownBy(() -> index.append(115, 1000)).isInstanceOf(Checks.InvariantViolation.class);
    }

    @Test
    void offsetIndexIsPreallocatedAndTrimmedToItsEntries() throws IOException {
        Path file = dir.resolve("b.index");
        OffsetIndex index = new OffsetIndex(file, 0, 1024, true, FileChannelOpener.DEFAULT);
        assertThat(Files.size(file)).isEqualTo(1024);
        index.append(5, 100);
        index.trimToValidSize();
        assertThat(Files.size(file)).isEqualTo(8);

        OffsetIndex reloaded = new OffsetIndex(file, 0, 1024, false, FileChannelOpener.DEFAULT);
        assertThat(reloaded.entries()).isEqualTo(1);
        assertThat(reloaded.lookup(7)).isEqualTo(new OffsetPosition(5, 100));
    }

    @Test
    void untrimmedOrOutOfOrderIndexFailsTheSanityCheck() throws IOException {
        Path file = dir.resolve("c.index");
        OffsetIndex index = new OffsetIndex(file, 0, 64, true, FileChannelOpener.DEFAULT);
        index.append(5, 100);
        index.flush();
        // A crash leaves the preallocated zeros behind the real entry.
        OffsetIndex crashed = new OffsetIndex(file, 0, 64, false, FileChannelOpener.DEFAULT);
        assertThat(crashed.sanityCheck(1_000)).isPresent();
        assertThat(index.sanityCheck(1_000)).isEmpty();
        assertThat(index.sanityCheck(100)).as("position past the log").isPresent();

        Files.write(dir.resolve("d.index"), new byte[] {0, 0, 0, 1, 0});
        assertThat(new OffsetIndex(dir.resolve("d.index"), 0, 64, false, FileChannelOpener.DEFAULT).sanityCheck(1_000))
                .isPresent();
    }

    @Test
    void offsetIndexTruncatesEntriesAtOrAboveAnOffset() throws IOException {
        OffsetIndex index = new OffsetIndex(dir.resolve("e.index"), 0, 1024, true, FileChannelOpener.DEFAULT);
        index.append(10, 100);
        index.append(20, 200);
        index.append(30, 300);
        index.truncateTo(20);
        assertThat(index.entries()).isEqualTo(1);
        assertThat(index.lookup(25)).isEqualTo(new OffsetPosition(10, 100));
    }

    @Test
    void timeIndexKeepsOnlyIncreasingTimestampsAndLooksUpTheFloor() throws IOException {
        TimeIndex index = new TimeIndex(dir.resolve("a.timeindex"), 50, 1024, true, FileChannelOpener.DEFAULT);
        index.maybeAppend(1000, 55);
        index.maybeAppend(1000, 57); // not newer: skipped
        index.maybeAppend(2000, 60);

        assertThat(index.entries()).isEqualTo(2);
        assertThat(index.lookup(999)).isEqualTo(new TimestampOffset(-1, 50));
        assertThat(index.lookup(1500)).isEqualTo(new TimestampOffset(1000, 55));
        assertThat(index.lookup(2000)).isEqualTo(new TimestampOffset(2000, 60));
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(2000, 60));
        index.truncateTo(60);
        assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(1000, 55));
    }

    @Test
    void timeIndexKeepsItsLastSlotForTheRoll() throws IOException {
        TimeIndex index = new TimeIndex(dir.resolve("b.timeindex"), 0, 36, true, FileChannelOpener.DEFAULT);
        index.maybeAppend(1, 1);
        index.maybeAppend(2, 2);
        assertThat(index.isFull()).isTrue();
        index.maybeAppend(3, 3);
        assertThat(index.entries()).isEqualTo(3);
    }
}
