package io.rafka.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class TopicsDescribeRenderingTest {
    private static final Node B1 = new Node(1, "h1", 9092);
    private static final Node B2 = new Node(2, "h2", 9092);
    private static final Node B3 = new Node(3, "h3", 9092);

    private static final TopicDescription ORDERS = new TopicDescription("orders", false, List.of(
            new TopicPartitionInfo(0, B1, List.of(B1, B2, B3), List.of(B1, B2, B3)),
            new TopicPartitionInfo(1, B3, List.of(B2, B3, B1), List.of(B3, B1)),
            new TopicPartitionInfo(2, null, List.of(B3, B1, B2), List.of())));

    @Test
    void marksPreferredLeaderOfflineUnderReplicatedAndUncleanLoss() {
        List<PartitionView> views = TopicsDescribeCommand.views(List.of("orders"), Map.of("orders", ORDERS),
                Map.of(new TopicPartition("orders", 2), 120L));

        assertThat(TopicsDescribeCommand.render(views).render()).isEqualTo("""
                TOPIC   PARTITION  LEADER  REPLICAS  ISR    STATUS                          UNCLEAN-LOSS
                orders  0          1       1*,2,3    1,2,3  ok                              -
                orders  1          3       2*,3,1    3,1    under-replicated,not-preferred  -
                orders  2          none    3*,1,2    -      offline,under-replicated        120
                """);
    }

    @Test
    void jsonViewCarriesTheSameFacts() {
        PartitionView offline = TopicsDescribeCommand.views(List.of("orders"), Map.of("orders", ORDERS), Map.of()).get(2);

        assertThat(offline).isEqualTo(new PartitionView("orders", 2, null, List.of(3, 1, 2), 3, List.of(),
                true, true, null));
    }

    @Test
    void uncleanLossConfigParsesPartitionRecordPairsAndSkipsGarbage() {
        assertThat(TopicConfigUncleanLoss.parse("0:120, 3:7,x:1,4,5:-2")).containsExactly(Map.entry(0, 120L), Map.entry(3, 7L));
        assertThat(TopicConfigUncleanLoss.parse("")).isEmpty();
    }
}
