package io.rafka.log;

import io.rafka.common.Checks;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A partition of a topic; its log directory is {@code <topic>-<partition>}. Immutable. */
public record TopicPartition(String topic, int partition) {

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern DIR_NAME = Pattern.compile("(.+)-(\\d+)");

    public TopicPartition {
        Checks.check(topic != null && LEGAL_TOPIC.matcher(topic).matches(), "illegal topic name '%s'", topic);
        Checks.check(partition >= 0, "partition must not be negative, got %s", partition);
    }

    public String dirName() {
        return topic + "-" + partition;
    }

    /** Parses a log directory name; empty for names that are not partition directories. */
    public static Optional<TopicPartition> fromDirName(String name) {
        Matcher matcher = DIR_NAME.matcher(name);
        if (!matcher.matches() || !LEGAL_TOPIC.matcher(matcher.group(1)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TopicPartition(matcher.group(1), Integer.parseInt(matcher.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return dirName();
    }
}
