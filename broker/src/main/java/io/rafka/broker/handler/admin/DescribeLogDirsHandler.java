package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.log.PartitionLog;
import io.rafka.log.TopicPartition;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;

/**
 * DescribeLogDirs: for each of this broker's {@code log.dirs}, the partitions stored there with their size in
 * bytes, and (v4) the file system's total and usable bytes. A directory that cannot be read is reported with
 * KAFKA_STORAGE_ERROR and no partitions, as Kafka reports an offline log dir.
 *
 * <p>NB: offset lag is 0 and no "future" replicas exist: Rafka does not move replicas between directories.
 *
 * <p>Thread-safe: reads the log manager's concurrent view.
 */
final class DescribeLogDirsHandler implements ApiHandler {

    private final AdminContext context;

    DescribeLogDirsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_LOG_DIRS;
    }

    // NB: DescribeLogDirs stats the file system; small, but not free, so it runs on the request-handler pool as
    // every handler does, never on a network thread.
    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        DescribeLogDirsRequestData asked = ((DescribeLogDirsRequest) request).data();
        Map<Path, Map<String, List<DescribeLogDirsPartition>>> byDir = new LinkedHashMap<>();
        for (Path dir : context.config().logDirs()) {
            byDir.put(dir.toAbsolutePath().normalize(), new TreeMap<>());
        }
        Map<TopicPartition, PartitionLog> logs = new TreeMap<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        logs.putAll(context.logManager().allLogs());
        for (Map.Entry<TopicPartition, PartitionLog> entry : logs.entrySet()) {
            TopicPartition partition = entry.getKey();
            if (!isAsked(asked, partition)) {
                continue;
            }
            Path dir = entry.getValue().dir().toAbsolutePath().normalize().getParent();
            byDir.computeIfAbsent(dir, d -> new TreeMap<>()).computeIfAbsent(partition.topic(), t -> new ArrayList<>())
                    .add(new DescribeLogDirsPartition().setPartitionIndex(partition.partition())
                            .setPartitionSize(entry.getValue().sizeBytes()).setOffsetLag(0).setIsFutureKey(false));
        }
        DescribeLogDirsResponseData data = new DescribeLogDirsResponseData().setErrorCode(Errors.NONE.code());
        Set<TopicPartition> offline = Set.copyOf(context.logManager().offlineLogs());
        byDir.forEach((dir, topics) -> data.results().add(describeDir(dir, topics, offline)));
        return CompletableFuture.completedFuture(new DescribeLogDirsResponse(data));
    }

    private static DescribeLogDirsResult describeDir(Path dir, Map<String, List<DescribeLogDirsPartition>> topics,
                                                     Set<TopicPartition> offline) {
        DescribeLogDirsResult result = new DescribeLogDirsResult().setLogDir(dir.toString());
        try {
            FileStore store = Files.getFileStore(dir);
            result.setTotalBytes(store.getTotalSpace()).setUsableBytes(store.getUsableSpace());
        } catch (IOException e) {
            return result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
        topics.forEach((topic, partitions) -> result.topics().add(new DescribeLogDirsTopic().setName(topic)
                .setPartitions(partitions.stream()
                        .filter(p -> !offline.contains(new TopicPartition(topic, p.partitionIndex()))).toList())));
        return result.setErrorCode(Errors.NONE.code());
    }

    private static boolean isAsked(DescribeLogDirsRequestData asked, TopicPartition partition) {
        if (asked.topics() == null) {
            return true;
        }
        DescribableLogDirTopic topic = asked.topics().find(partition.topic());
        return topic != null && topic.partitions().contains(partition.partition());
    }
}
