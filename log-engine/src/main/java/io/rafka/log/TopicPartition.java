package io.rafka.log;

import io.rafka.common.Checks;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A partition of a topic; its log directory is {@code <topic>-<partition>}. Immutable. */
public record TopicPartition(String topic, int partition) {

    private static final int MAX_TOPIC_LENGTH = 249;
    private static final Pattern DIR_NAME = Pattern.compile("(.+)-(\\d+)");

    public TopicPartition {
        Checks.check(isLegalTopic(topic), "illegal topic name '%s'", topic);
        Checks.check(partition >= 0, "partition must not be negative, got %s", partition);
    }

    public String dirName() {
        return topic + "-" + partition;
    }

    /** Parses a log directory name; empty for names that are not partition directories. */
    public static Optional<TopicPartition> fromDirName(String name) {
        Matcher matcher = DIR_NAME.matcher(name);
        if (!matcher.matches() || !isLegalTopic(matcher.group(1))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TopicPartition(matcher.group(1), Integer.parseInt(matcher.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * 1 to 249 characters from {@code [a-zA-Z0-9._-]}. A loop, not a regex: every request that names a
     * partition builds one of these, so this runs per partition per produce and fetch.
     */
    private static boolean isLegalTopic(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            return false;
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return dirName();
    }
}
