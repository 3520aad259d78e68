package io.danube.connect.delta;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.client.schema.SchemaReference;
import io.danube.client.schema.SchemaType;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.embedded.EmbeddedDanubeExtension;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.TimestampType;
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
 * A topic whose producer is bound to a JSON Schema subject in the broker's schema registry, and a route without
 * columns, run by the SDK runtime: the table is created with the schema's properties as columns (types and required
 * from the schema, not from the data), and a record whose value does not fit its column goes to the dead-letter topic
 * with the reason while the others are written.
 */
class RegistrySchemaRunTest {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    private static final String TOPIC = "/default/registry-readings";
    private static final String SUBJECT = "registry-readings-value";
    private static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "sensor": {"type": "string"},
               "celsius": {"type": "number"},
               "taken_at": {"type": "string", "format": "date-time"},
               "note": {"type": ["null", "string"]}
             },
             "required": ["sensor", "celsius"]}
            """;

    @TempDir
    Path dir;

    @Test
    void theTableTakesItsColumnsFromTheRegistrySchemaAndAMisfitGoesToTheDeadLetterTopic() throws Exception {
        Path table = dir.resolve("readings");
        Path file = dir.resolve("connector.toml");
        Files.writeString(file, """
                danube_service_url = "%s"
                connector_name = "delta-registry"
                [processing]
                metrics_port = 0
                [[deltalake.routes]]
                from = "%s"
                to = "%s"
                """.formatted(DANUBE.serviceUrl(), TOPIC, table));
        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).load(file);

        try (DanubeClient client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build()) {
            client.schemaRegistry().register(SUBJECT, SchemaType.JSON_SCHEMA, SCHEMA);
            try (Producer producer = client.newProducer().topic(TOPIC).name("readings-writer")
                         .schema(SchemaReference.latest(SUBJECT)).reliable().create();
                 Producer dlqCreator = client.newProducer().topic(TOPIC + "-dlq").name("dlq-creator").reliable()
                         .create();
                 Consumer dlq = client.newConsumer().topic(TOPIC + "-dlq").consumerName("dlq-reader")
                         .subscription("dlq-reader").subscribe()) {
                assertThat(client.schemaRegistry().getTopicSchemaConfig(TOPIC).subject()).isEqualTo(SUBJECT);
                SinkRuntime runtime = new SinkRuntime(new DeltaSinkConnector(), config);
                runtime.start();
                try {
                    await("subscribed").atMost(Duration.ofSeconds(60)).until(() -> runtime.health().isReady());
                    List<StructField> columns = KernelReader.snapshot(table).getSchema().fields();
                    assertThat(columns).extracting(StructField::getName)
                            .containsExactly("sensor", "celsius", "taken_at", "note");
                    assertThat(columns).extracting(StructField::getDataType).containsExactly(StringType.STRING,
                            DoubleType.DOUBLE, TimestampType.TIMESTAMP, StringType.STRING);
                    assertThat(columns).extracting(StructField::isNullable).containsExactly(false, false, true, true);

                    for (String payload : List.of(
                            "{\"sensor\":\"s1\",\"celsius\":21.5,\"taken_at\":\"2026-12-05T10:00:00Z\"}",
                            "{\"sensor\":\"s2\",\"celsius\":\"warm\"}",
                            "{\"sensor\":\"s3\",\"celsius\":19,\"note\":\"door open\"}")) {
                        producer.sendAsync(OutgoingMessage.of(payload)).join();
                    }

                    await("two rows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                            .ignoreExceptions().until(() -> DuckDbReader.query(DeltaLog.read(table),
                                    "SELECT count(*) FROM rows").get(0).get(0).equals(2L));
                    Optional<ReceivedMessage> rejected = dlq.receive(Duration.ofSeconds(30));
                    assertThat(rejected).isPresent();
                    assertThat(new String(rejected.get().payload(), StandardCharsets.UTF_8)).contains("\"s2\"");
                    assertThat(rejected.get().attributes().get("dlq.error")).contains("Record does not fit Delta table")
                            .contains("Column celsius (double) from $.celsius: expected a number");
                    assertThat(DuckDbReader.query(DeltaLog.read(table), "SELECT sensor, celsius, epoch_ms(taken_at),"
                                                                        + " note FROM rows ORDER BY sensor"))
                            .containsExactly(Arrays.asList("s1", 21.5, 1_796_464_800_000L, null),
                                    Arrays.asList("s3", 19.0, null, "door open"));
                } finally {
                    runtime.stop();
                }
            }
        }
    }
}
