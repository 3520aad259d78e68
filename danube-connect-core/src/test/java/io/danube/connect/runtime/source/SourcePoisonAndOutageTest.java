package io.danube.connect.runtime.source;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.schema.SchemaType;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SourceSender;
import io.danube.connect.config.SchemaMapping;
import io.danube.connect.config.VersionStrategy;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.HealthStatus;
import io.danube.embedded.EmbeddedDanube;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records the broker refuses go to the dead-letter topic; a broker outage of any length is waited out. */
class SourcePoisonAndOutageTest extends ConnectTestSupport {

    private SourceRuntime runtime;
    private EmbeddedDanube ownBroker;

    @AfterEach
    void stopAll() {
        if (runtime != null) {
            runtime.stop();
        }
        if (ownBroker != null) {
            ownBroker.stop();
        }
    }

    @Test
    void aRecordTheSchemaPolicyRefusesGoesToTheDeadLetterTopicWithTheReasonAndGoodRecordsLand() throws Exception {
        String topic = uniqueTopic("schema-refused");
        String subject = "reading-" + topic.substring(topic.lastIndexOf('-') + 1);
        client().schemaRegistry().register(subject, SchemaType.JSON_SCHEMA,
                "{\"type\":\"object\",\"required\":[\"value\"],\"properties\":{\"value\":{\"type\":\"number\"}}}");
        AtomicReference<SourceSender> sender = new AtomicReference<>();
        runtime = new SourceRuntime(new Streaming(topic, sender), config("schema-refused", 10, Duration.ofSeconds(1))
                .schemas(List.of(new SchemaMapping(topic, subject, "json_schema", "", false, VersionStrategy.LATEST)))
                .build());
        runtime.start();
        client().schemaRegistry().configureTopicSchema(topic, subject, "enforce", true);
        Consumer reader = subscribe(topic, "reader");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");

        CompletableFuture<Void> bad = sender.get().send(SourceRecord.fromString(topic, "{\"value\":\"high\"}")
                .withAttribute("device", "d7"));
        sender.get().send(SourceRecord.fromString(topic, "{\"value\":1.5}")).get();

        assertThat(bad).succeedsWithin(Duration.ofSeconds(10));
        assertThat(text(reader.receive(Duration.ofSeconds(10)).orElseThrow())).isEqualTo("{\"value\":1.5}");
        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(text(dead)).isEqualTo("{\"value\":\"high\"}");
        assertThat(dead.attributes()).containsEntry("device", "d7").containsEntry("dlq.source_topic", topic)
                .containsEntry("dlq.connector", "schema-refused");
        assertThat(dead.attributes().get("dlq.error")).contains("Payload validation failed");
        assertThat(runtime.metrics().scrape()).contains("connector_dlq_messages_total{connector=\"schema-refused\","
                                                        + "topic=\"" + topic + "\"} 1.0");
    }

    @Test
    void recordsSentDuringABrokerOutageArriveAfterItAndHealthShowsTheOldestRecordBeingRetried(@TempDir Path data)
            throws Exception {
        ownBroker = EmbeddedDanube.builder().dataDirectory(data).config(FAST_BROKER).start();
        int port = ownBroker.port();
        String topic = uniqueTopic("outage");
        AtomicReference<SourceSender> sender = new AtomicReference<>();
        runtime = new SourceRuntime(new Streaming(topic, sender), config("outage", 10, Duration.ofSeconds(1))
                .danubeServiceUrl(ownBroker.serviceUrl()).build());
        runtime.start();
        try (DanubeClient own = DanubeClient.builder().serviceUrl(ownBroker.serviceUrl()).build();
             Consumer reader = own.newConsumer().topic(topic).consumerName("outage-reader").subscription("outage")
                     .subscribe()) {
            sender.get().send(SourceRecord.fromString(topic, "before")).get();
            ReceivedMessage before = reader.receive(Duration.ofSeconds(10)).orElseThrow();
            reader.ack(before);
        }

        ownBroker.stop();
        List<CompletableFuture<Void>> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            during.add(sender.get().send(SourceRecord.fromString(topic, "during-" + i)));
        }
        await("danube degraded").atMost(Duration.ofSeconds(30)).until(() -> danube().status() == HealthStatus.DEGRADED
                && danube().detail().contains("being retried; the oldest"));
        await("an outage of 20 s").pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21))
                .until(() -> during.stream().noneMatch(CompletableFuture::isDone));
        ownBroker = EmbeddedDanube.builder().port(port).dataDirectory(data).config(FAST_BROKER).start();

        await("sends completed").atMost(Duration.ofSeconds(60))
                .until(() -> during.stream().allMatch(future -> future.isDone() && !future.isCompletedExceptionally()));
        assertThat(runtime.fatalError()).isNull();
        await("danube healthy").atMost(Duration.ofSeconds(10)).until(() -> danube().status() == HealthStatus.HEALTHY);
        try (DanubeClient own = DanubeClient.builder().serviceUrl(ownBroker.serviceUrl()).build();
             Consumer reader = own.newConsumer().topic(topic).consumerName("outage-reader").subscription("outage")
                     .subscribe()) {
            List<String> received = new ArrayList<>();
            await("messages").atMost(Duration.ofSeconds(20)).until(() -> {
                reader.receive(Duration.ofMillis(200)).ifPresent(message -> {
                    received.add(text(message));
                    reader.ack(message);
                });
                return received.containsAll(List.of("during-0", "during-1", "during-2", "during-3", "during-4"));
            });
        }
    }

    private ComponentHealth danube() {
        return runtime.health().snapshot().components().get("danube");
    }

    private static String text(ReceivedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    private record Streaming(String topic, AtomicReference<SourceSender> sender) implements SourceConnector {

        @Override
        public void initialize(ConnectorContext context) {
        }

        @Override
        public List<ProducerConfig> producerConfigs() {
            return List.of(new ProducerConfig(topic, 0, true));
        }

        @Override
        public SourceMode mode() {
            return SourceMode.STREAMING;
        }

        @Override
        public void start(SourceSender sender) {
            this.sender.set(sender);
        }
    }
}
