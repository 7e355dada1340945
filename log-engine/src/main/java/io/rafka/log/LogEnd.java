package io.rafka.log;

import io.rafka.log.storage.LogSegment;

/**
 * The published end of a log: readers take one snapshot of it and never read past
 * {@code position} in {@code segment}, so they never see a half-written append. Immutable;
 * published through a volatile field.
 *
 * @param offset the log end offset (offset of the next record to be appended)
 * @param segment the active segment when published
 * @param position the active segment's size in bytes when published
 */
record LogEnd(long offset, LogSegment segment, int position) {}
