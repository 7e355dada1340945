package io.rafka.broker.partition;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.log.LogConfig;
import io.rafka.log.TimestampType;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a hosted partition is configured with: the log's settings plus the broker-side checks
 * of the produce path. Built from the broker's {@code server.properties} defaults, overridden by the
 * topic's configs from the metadata image (Kafka's topic-level names: {@code retention.ms},
 * {@code min.insync.replicas}, {@code message.timestamp.type}, ...).
 *
 * @param logConfig                 what the log engine enforces (segment sizes, retention, max.message.bytes, ...)
 * @param minInsyncReplicas         {@code min.insync.replicas}: acks=all is refused below this committed ISR size
 * @param timestampBeforeMaxMs      {@code message.timestamp.before.max.ms}: how far in the past a CreateTime may be
 * @param timestampAfterMaxMs       {@code message.timestamp.after.max.ms}: how far in the future a CreateTime may be
 *
 * <p>Immutable, thread-safe.
 */
public record PartitionSettings(LogConfig logConfig, int minInsyncReplicas, long timestampBeforeMaxMs,
                                long timestampAfterMaxMs) {

    private static final Logger log = LoggerFactory.getLogger(PartitionSettings.class);

    /** Kafka 4.x defaults: no limit into the past, one hour into the future (KIP-937). */
    public static final long DEFAULT_TIMESTAMP_BEFORE_MAX_MS = Long.MAX_VALUE;
    public static final long DEFAULT_TIMESTAMP_AFTER_MAX_MS = 3_600_000L;

    /** The broker-wide defaults, before any topic override. */
    public static PartitionSettings brokerDefaults(RafkaConfig config) {
        LogConfig logConfig = LogConfig.builder()
            .segmentBytes(config.segmentBytes())
            .segmentMs(config.segmentMs())
            .segmentIndexBytes(config.segmentIndexBytes())
            .indexIntervalBytes(config.indexIntervalBytes())
            .retentionMs(config.retentionMs())
            .retentionBytes(config.retentionBytes())
            .maxMessageBytes(config.messageMaxBytes())
            .flushMessages(config.flushIntervalMessages())
            .flushMs(config.flushIntervalMs())
            .timestampType(config.messageTimestampType() == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME)
            .build();
        return new PartitionSettings(logConfig, config.minInsyncReplicas(), DEFAULT_TIMESTAMP_BEFORE_MAX_MS,
            DEFAULT_TIMESTAMP_AFTER_MAX_MS);
    }

    /**
     * These settings with a topic's overrides applied. A value that does not parse is logged and
     * skipped: the controller validated it, so this only happens with a config this broker does not
     * know how to read, and refusing to host the partition would be worse.
     */
    public PartitionSettings withTopicOverrides(String topic, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        LogConfig.Builder logBuilder = logConfig.toBuilder();
        int[] minIsr = {minInsyncReplicas};
        long[] beforeMaxMs = {timestampBeforeMaxMs};
        long[] afterMaxMs = {timestampAfterMaxMs};
        overrides.forEach((key, value) -> {
            try {
                applyOne(key, value, logBuilder, v -> minIsr[0] = v, v -> beforeMaxMs[0] = v, v -> afterMaxMs[0] = v);
            } catch (IllegalArgumentException e) {
                log.warn("Topic {}: ignoring config {}={} that this broker cannot apply: {}", topic, key, value,
                    e.getMessage());
            }
        });
        try {
            return new PartitionSettings(logBuilder.build(), minIsr[0], beforeMaxMs[0], afterMaxMs[0]);
        } catch (RuntimeException e) {
            log.warn("Topic {}: configs {} give an invalid log config ({}); keeping the broker defaults", topic,
                overrides, e.getMessage());
            return this;
        }
    }

    private static void applyOne(String key, String value, LogConfig.Builder logBuilder, Consumer<Integer> minIsr,
                                 Consumer<Long> beforeMaxMs, Consumer<Long> afterMaxMs) {
        switch (key) {
            case "segment.bytes" -> logBuilder.segmentBytes(Integer.parseInt(value.trim()));
            case "segment.ms" -> logBuilder.segmentMs(Long.parseLong(value.trim()));
            case "segment.index.bytes" -> logBuilder.segmentIndexBytes(Integer.parseInt(value.trim()));
            case "index.interval.bytes" -> logBuilder.indexIntervalBytes(Integer.parseInt(value.trim()));
            case "retention.ms" -> logBuilder.retentionMs(Math.max(-1, Long.parseLong(value.trim())));
            case "retention.bytes" -> logBuilder.retentionBytes(Math.max(-1, Long.parseLong(value.trim())));
            case "max.message.bytes" -> logBuilder.maxMessageBytes(Integer.parseInt(value.trim()));
            case "flush.messages" -> logBuilder.flushMessages(Long.parseLong(value.trim()));
            case "flush.ms" -> logBuilder.flushMs(Long.parseLong(value.trim()));
            case "file.delete.delay.ms" -> logBuilder.fileDeleteDelayMs(Long.parseLong(value.trim()));
            case "message.timestamp.type" -> logBuilder.timestampType(parseTimestampType(value.trim()));
            case "min.insync.replicas" -> minIsr.accept(Integer.parseInt(value.trim()));
            case "message.timestamp.before.max.ms" -> beforeMaxMs.accept(Long.parseLong(value.trim()));
            case "message.timestamp.after.max.ms" -> afterMaxMs.accept(Long.parseLong(value.trim()));
            default -> { } // cleanup.policy, compression.type, ...: accepted by the controller, not enforced here
        }
    }

    private static TimestampType parseTimestampType(String value) {
        return switch (value) {
            case "CreateTime" -> TimestampType.CREATE_TIME;
            case "LogAppendTime" -> TimestampType.LOG_APPEND_TIME;
            default -> throw new IllegalArgumentException("message.timestamp.type must be CreateTime or LogAppendTime");
        };
    }
}
