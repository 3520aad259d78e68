package io.danube.connect.delta;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.embedded.EmbeddedDanubeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Rust connector's example config, with only the broker URL and the table path changed, run by the SDK runtime:
 * JSON events land in the Delta table, and an event without a required column goes to the dead-letter topic with
 * the reason.
 */
class RustExampleRunTest {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    @TempDir
    Path dir;

    @Test
    void theRustExampleWritesEventsAndDeadLettersAnEventWithoutItsRequiredColumn() throws Exception {
        Path table = dir.resolve("events");
        String toml = Files.readString(Path.of("src/test/resources/rust-example.toml"))
                .replace("http://localhost:6650", DANUBE.serviceUrl())
                .replace("s3://delta-tables/events", table.toString())
                .replace("metrics_port = 9090", "metrics_port = 0");
        Path file = dir.resolve("connector.toml");
        Files.writeString(file, toml);
        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).load(file);

        try (DanubeClient client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
             Producer producer = client.newProducer().topic("/default/events").name("events-writer").reliable()
                     .create();
             Producer dlqCreator = client.newProducer().topic("/default/events-dlq").name("dlq-creator").reliable()
                     .create();
             Consumer dlq = client.newConsumer().topic("/default/events-dlq").consumerName("dlq-reader")
                     .subscription("dlq-reader").subscribe()) {
            SinkRuntime runtime = new SinkRuntime(new DeltaSinkConnector(), config);
            runtime.start();
            try {
                await("subscribed").atMost(Duration.ofSeconds(60)).until(() -> runtime.health().isReady());
                for (String payload : List.of(
                        "{\"event_type\":\"purchase\",\"user_id\":\"u1\",\"amount\":1999}",
                        "{\"user_id\":\"u2\",\"amount\":5}",
                        "{\"event_type\":\"view\",\"user_id\":\"u3\",\"status_code\":200}",
                        "{\"event_type\":\"click\",\"user_id\":\"u4\"}")) {
                    producer.sendAsync(OutgoingMessage.of(payload)).join();
                }

                await("three rows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions().until(() -> DuckDbReader.query(DeltaLog.read(table),
                                "SELECT count(*) FROM rows").get(0).get(0).equals(3L));
                Optional<ReceivedMessage> rejected = dlq.receive(Duration.ofSeconds(30));
                assertThat(rejected).isPresent();
                assertThat(new String(rejected.get().payload(), StandardCharsets.UTF_8)).contains("\"u2\"");
                assertThat(rejected.get().attributes().get("dlq.error"))
                        .contains("Column event_type is not nullable but $.event_type is missing or null");
                assertThat(DuckDbReader.query(DeltaLog.read(table), "SELECT user_id, amount, status_code,"
                                                                    + " danube_topic FROM rows ORDER BY user_id"))
                        .containsExactly(Arrays.asList("u1", 1999L, null, "/default/events"),
                                Arrays.asList("u3", null, 200, "/default/events"),
                                Arrays.asList("u4", null, null, "/default/events"));
            } finally {
                runtime.stop();
            }
        }
    }
}
