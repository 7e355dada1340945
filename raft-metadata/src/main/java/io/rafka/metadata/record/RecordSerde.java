package io.rafka.metadata.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON encoding of record batches (and of controller requests, which share the mapper).
 *
 * <p>Readers ignore unknown fields so that a record may gain optional fields without breaking nodes that
 * lag one version behind during a rolling upgrade. A batch with a newer format version is refused loudly.
 *
 * <p>Thread-safe: the mapper is configured once and then only read.
 */
public final class RecordSerde {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private RecordSerde() {}

    public static byte[] serialize(RecordBatch batch) {
        return write(batch);
    }

    public static RecordBatch deserializeBatch(byte[] bytes) {
        RecordBatch batch = read(bytes, RecordBatch.class);
        if (batch.formatVersion() > RecordBatch.CURRENT_FORMAT_VERSION) {
            throw new UnsupportedRecordFormatException(batch.formatVersion());
        }
        return batch;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    /** A batch written by a newer Rafka than this one: applying it anyway could diverge. */
    public static final class UnsupportedRecordFormatException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnsupportedRecordFormatException(int formatVersion) {
            super("record batch format version " + formatVersion + " is newer than supported "
                + RecordBatch.CURRENT_FORMAT_VERSION + "; upgrade this node");
        }
    }
}
