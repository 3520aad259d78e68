package io.danube.camel.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MissingTopicReportTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final MissingTopicReport report = new MissingTopicReport("/iot/sensors", "jdbc-sink",
            Duration.ofMinutes(1), clock::get, lines::add);

    private void attemptsAfter(Duration elapsed, int attempts) {
        clock.addAndGet(elapsed.toNanos());
        for (int i = 0; i < attempts; i++) {
            report.missing();
        }
    }

    @Test
    void aMissingTopicIsReportedOnceInOneLineHoweverOftenItIsRetried() {
        attemptsAfter(Duration.ZERO, 1);
        attemptsAfter(Duration.ofSeconds(5), 10);

        assertThat(lines).containsExactly("Danube topic /iot/sensors does not exist yet; subscription jdbc-sink"
                                          + " subscribes as soon as a producer creates it");
    }

    @Test
    void aContinuingWaitIsReportedAgainOncePerInterval() {
        attemptsAfter(Duration.ZERO, 1);
        attemptsAfter(Duration.ofSeconds(59), 11);
        attemptsAfter(Duration.ofSeconds(1), 1);
        attemptsAfter(Duration.ofSeconds(30), 6);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("Danube topic /iot/sensors still does not exist after 13 subscription"
                                           + " attempts; subscription jdbc-sink keeps waiting");
    }

    @Test
    void aNewWaitAfterTheTopicAppearedIsReportedAfresh() {
        attemptsAfter(Duration.ZERO, 3);
        report.reset();
        attemptsAfter(Duration.ofSeconds(1), 1);

        assertThat(lines).hasSize(2).allMatch(line -> line.contains("does not exist yet"));
    }
}
