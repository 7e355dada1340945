package io.rafka.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.chaos.history.Op;
import io.rafka.chaos.nemesis.FaultKind;
import io.rafka.chaos.nemesis.FaultWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final List<Op> HISTORY = List.of(
        Op.invokeSend(0, "p", "t", "a"), Op.okSend(100, "p", "t", 0, 0, "a"),
        Op.invokeSend(200, "p", "t", "b"), Op.okSend(1_500, "p", "t", 0, 1, "b"),
        Op.invokeSend(1_600, "p", "t", "c"), Op.okSend(4_800, "p", "t", 0, 2, "c"),
        Op.nemesis(5_000, "healed all"));

    @Test
    void bucketsCountAcknowledgementsAndTheirLatency() {
        Timeline timeline = Timeline.of(HISTORY, 1_000);
        assertThat(timeline.acksPerBucket()).containsExactly(1, 1, 0, 0, 1, 0);
        assertThat(timeline.latencyMaxMs()).containsExactly(100, 1_300, 0, 0, 3_200, 0);
    }

    @Test
    void stretchesWithoutAcknowledgementAreUnavailability() {
        assertThat(Timeline.unavailability(HISTORY, 100, 5_000, 1_000))
            .containsExactly(new Timeline.Gap(100, 1_500), new Timeline.Gap(1_500, 4_800));
    }

    @Test
    void svgShadesEveryFault() {
        String svg = TimelineSvg.render("t", Timeline.of(HISTORY, 1_000), List.of(
            new FaultWindow(FaultKind.PAUSE, "n1", 1_000, 2_000, -1),
            new FaultWindow(FaultKind.KILL_CONTROLLER, "n2", 3_000, 4_000, 400)));
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("PAUSE n1").contains("KILL_CONTROLLER n2");
    }
}
