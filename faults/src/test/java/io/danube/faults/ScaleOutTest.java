package io.danube.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JDBC sinks on one Shared subscription and two MQTT sources in one {@code $share} group, each a launcher process:
 * one of each is killed with SIGKILL mid-stream, the others carry on, and nothing is lost once the killed ones are back.
 */
class ScaleOutTest {

    private static final int MESSAGES = 3_000;
    private static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void killingOneSinkAndOneSourceOfEachPairLosesNothing() throws Exception {
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try (Pipeline pipeline = Pipeline.start(Delivery.AT_LEAST_ONCE, 2, 2);
             HealthWatch health = new HealthWatch(pipeline.connectors());
             MqttLoad load = MqttLoad.connect(pipeline.mosquitto.url(), "scale-load-" + pipeline.runId,
                     pipeline.mqttPrefix)) {
            awaitHealthy(pipeline, health);
            LandedRows landed = new LandedRows(pipeline.postgres, pipeline.table);
            Future<?> publishing = publisher.submit(() -> load.publish(0, MESSAGES, 500));
            awaitLanded(landed, MESSAGES / 4, pipeline);

            pipeline.sinks.get(0).kill();
            pipeline.sources.get(0).kill();
            long landedAtKill = landed.count(0, MESSAGES).distinct();
            awaitLanded(landed, landedAtKill + MESSAGES / 10, pipeline);

            pipeline.sinks.get(0).start();
            pipeline.sources.get(0).start();
            publishing.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            awaitLanded(landed, MESSAGES, pipeline);

            LandedRows.Landed last = landed.count(0, MESSAGES);
            assertThat(last.distinct()).as("distinct ids landed").isEqualTo(MESSAGES);
            assertThat(pipeline.sinks.get(1).starts() + pipeline.sources.get(1).starts())
                    .as("the survivors were never restarted").isEqualTo(2);
        } finally {
            publisher.shutdownNow();
        }
    }

    private static void awaitHealthy(Pipeline pipeline, HealthWatch health) {
        Deadline deadline = Deadline.in(BOUND);
        for (ConnectorProcess connector : pipeline.connectors()) {
            while (!"healthy".equals(health.last(connector.name()))) {
                deadline.check(() -> connector.name() + " not healthy:\n" + connector.tail());
                deadline.pause(Duration.ofMillis(200));
            }
        }
    }

    private static void awaitLanded(LandedRows landed, long count, Pipeline pipeline) {
        Deadline deadline = Deadline.in(BOUND);
        while (landed.count(0, MESSAGES).distinct() < count) {
            deadline.check(() -> "only " + landed.count(0, MESSAGES).distinct() + " of " + count + " landed:\n"
                    + pipeline.logs());
            deadline.pause(Duration.ofMillis(250));
        }
    }
}
