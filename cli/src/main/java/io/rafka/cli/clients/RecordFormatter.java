package io.rafka.cli.clients;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How {@code rafka consume} prints a record: {@code [partition:offset<TAB>][key<TAB>]value}, with
 * bytes decoded as UTF-8 and a missing key or value printed as "null".
 *
 * <p>Thread-safety: immutable.
 */
public record RecordFormatter(boolean printOffset, boolean printKey) {

    public String format(ConsumerRecord<byte[], byte[]> record) {
        return format(record.partition(), record.offset(), record.key(), record.value());
    }

    public String format(int partition, long offset, byte[] key, byte[] value) {
        StringBuilder line = new StringBuilder();
        if (printOffset) {
            line.append(partition).append(':').append(offset).append('\t');
        }
        if (printKey) {
            line.append(text(key)).append('\t');
        }
        return line.append(text(value)).toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
