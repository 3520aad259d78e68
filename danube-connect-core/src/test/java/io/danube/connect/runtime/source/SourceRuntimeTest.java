package io.danube.connect.runtime.source;

import io.danube.camel.DanubeEndpoint;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.Offset;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SourceSender;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.observability.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SourceRuntimeTest extends ConnectTestSupport {

    private SourceRuntime runtime;

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    private static String text(ReceivedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    private static List<ReceivedMessage> receive(Consumer consumer, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        await("" + count + " messages").atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.receive(Duration.ofMillis(100)).ifPresent(message -> {
                received.add(message);
                consumer.ack(message);
            });
            return received.size() >= count;
        });
        return received;
    }

    @Test
    void pollingSourceRoutesEachRecordToItsTopicWithAttributesAndCommitsItsOffsets() {
        String orders = uniqueTopic("orders");
        String audit = uniqueTopic("audit");
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(orders, 0, true),
                new ProducerConfig(audit, 0, false)));
        runtime = new SourceRuntime(source, config("poller", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer ordersReader = subscribe(orders, "orders-reader");
        Consumer auditReader = subscribe(audit, "audit-reader");

        for (int i = 0; i < 5; i++) {
            source.queued.add(SourceRecord.fromJson(orders, Map.of("id", i)).withAttribute("origin", "test")
                    .withOffset(new Offset("orders-table", i)));
        }
        source.queued.add(SourceRecord.fromString(audit, "checked").withOffset(new Offset("audit-log", 7)));

        List<ReceivedMessage> ordersReceived = receive(ordersReader, 5);
        assertThat(ordersReceived).extracting(SourceRuntimeTest::text)
                .containsExactly("{\"id\":0}", "{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}");
        assertThat(ordersReceived.get(0).attributes()).containsEntry("origin", "test");
        assertThat(receive(auditReader, 1)).extracting(SourceRuntimeTest::text).containsExactly("checked");
        await("offsets committed").atMost(Duration.ofSeconds(5)).until(() -> source.committed.size() == 6);
        assertThat(source.committed.stream().filter(o -> o.partition().equals("orders-table")).map(Offset::value))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(runtime.stop()).isZero();
    }

    @Test
    void keyedRecordsOfAPartitionedTopicLandOnTheSamePartitionPerKey() {
        String topic = uniqueTopic("keyed");
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(topic, 3, true)));
        runtime = new SourceRuntime(source, config("keyed", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(topic, "keyed-reader");

        for (int i = 0; i < 12; i++) {
            source.queued.add(SourceRecord.fromString(topic, "k" + (i % 3) + "-" + i).withKey("k" + (i % 3)));
        }

        Map<String, List<String>> partitionsByKey = receive(reader, 12).stream().collect(Collectors.groupingBy(
                message -> message.routingKey().orElseThrow(),
                Collectors.mapping(ReceivedMessage::topic, Collectors.toList())));
        assertThat(partitionsByKey).hasSize(3);
        partitionsByKey.values().forEach(partitions -> assertThat(partitions).hasSize(4)
                .allMatch(partition -> partition.equals(partitions.get(0)) && partition.startsWith(topic + "-part-")));
    }

    @Test
    void aRecordOverTheSizeLimitIsSettledWithoutStoppingTheSourceAndLaterOffsetsAreCommitted() throws Exception {
        String topic = uniqueTopic("oversized");
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(topic, 0, true)));
        runtime = new SourceRuntime(source, config("oversized", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(topic, "reader");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");

        source.queued.add(SourceRecord.fromString(topic, "fits").withOffset(new Offset("file", 1)));
        source.queued.add(SourceRecord.fromBytes(topic, new byte[5 * 1024 * 1024]).withOffset(new Offset("file", 2))
                .withAttribute("file", "huge.bin"));
        source.queued.add(SourceRecord.fromString(topic, "after").withOffset(new Offset("file", 3)));

        assertThat(receive(reader, 2)).extracting(SourceRuntimeTest::text).containsExactly("fits", "after");
        await("every offset committed").atMost(Duration.ofSeconds(10))
                .until(() -> source.committed.stream().map(Offset::value).toList().equals(List.of(1L, 2L, 3L)));
        // the dead-letter topic cannot take 5 MiB either: it gets the reason and attributes without the payload
        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(dead.payload()).isEmpty();
        assertThat(dead.attributes()).containsEntry("file", "huge.bin").containsEntry("dlq.error_type", "invalid_data")
                .containsEntry("dlq.payload_omitted", "5242880 bytes, over the broker's message size limit")
                .hasEntrySatisfying("dlq.error", error -> assertThat(error).contains("exceeds the 4194304 byte limit"));
        await("dead letter counted").atMost(Duration.ofSeconds(10)).until(() -> runtime.metrics().scrape()
                .contains("connector_dlq_messages_total{connector=\"oversized\",topic=\"" + topic + "\"} 1.0"));
        assertThat(runtime.fatalError()).isNull();
        assertThat(runtime.health().snapshot().status()).as("every component, the producers' health checks too")
                .isEqualTo(HealthStatus.HEALTHY);
        assertThat(runtime.stop()).isZero();
    }

    @Test
    void streamingSourceSendCompletesOnceTheBrokerAcceptedTheRecordAndTheOffsetIsCommitted() throws Exception {
        String topic = uniqueTopic("stream");
        AtomicReference<SourceSender> senderRef = new AtomicReference<>();
        List<Offset> committed = new CopyOnWriteArrayList<>();
        SourceConnector streaming = new SourceConnector() {
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
                senderRef.set(sender);
            }

            @Override
            public void commit(List<Offset> offsets) {
                committed.addAll(offsets);
            }
        };
        runtime = new SourceRuntime(streaming, config("streamer", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(topic, "stream-reader");

        CompletableFuture<Void> sent = senderRef.get().send(SourceRecord.fromNumber(topic, 42)
                .withOffset(new Offset("mqtt", 9)));

        sent.get(10, TimeUnit.SECONDS);
        assertThat(receive(reader, 1)).extracting(SourceRuntimeTest::text).containsExactly("42");
        await("offset committed").atMost(Duration.ofSeconds(5)).until(() -> committed.equals(List.of(new Offset("mqtt", 9))));
        assertThat(runtime.stop()).isZero();
        assertThat(senderRef.get().isClosed()).isTrue();
    }

    @Test
    void trySendOfARecordTheBrokerRejectsSettlesItAndTheRuntimeKeepsPublishing() throws Exception {
        String topic = uniqueTopic("try-send");
        AtomicReference<SourceSender> senderRef = new AtomicReference<>();
        SourceConnector streaming = streamingSource(topic, 0, senderRef);
        runtime = new SourceRuntime(streaming, config("try-sender", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(topic, "try-reader");

        CompletableFuture<Void> tooLarge = senderRef.get().trySend(SourceRecord.fromBytes(topic,
                new byte[5 * 1024 * 1024]));

        assertThat(tooLarge).succeedsWithin(Duration.ofSeconds(10));
        senderRef.get().trySend(SourceRecord.fromString(topic, "next")).get(10, TimeUnit.SECONDS);
        assertThat(receive(reader, 1)).extracting(SourceRuntimeTest::text).containsExactly("next");
        assertThat(runtime.fatalError()).isNull();
        assertThat(runtime.stop()).isZero();
    }

    @Test
    void trySendRefusesARecordWithAnOffset() {
        String topic = uniqueTopic("try-offset");
        AtomicReference<SourceSender> senderRef = new AtomicReference<>();
        SourceConnector streaming = streamingSource(topic, 0, senderRef);
        runtime = new SourceRuntime(streaming, config("try-offset", 100, Duration.ofSeconds(1)).build());
        runtime.start();

        SourceRecord withOffset = SourceRecord.fromString(topic, "x").withOffset(new Offset("file", 1));

        assertThatThrownBy(() -> senderRef.get().trySend(withOffset))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryablePollFailureIsPolledAgainAfterABackoff() {
        String topic = uniqueTopic("flaky-poll");
        AtomicInteger polls = new AtomicInteger();
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(topic, 0, true))) {
            @Override
            public List<SourceRecord> poll() {
                if (polls.incrementAndGet() <= 2) {
                    throw new RetryableException("device busy");
                }
                return super.poll();
            }
        };
        runtime = new SourceRuntime(source, config("flaky", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(topic, "reader");

        source.queued.add(SourceRecord.fromString(topic, "after-retries"));

        assertThat(receive(reader, 1)).extracting(SourceRuntimeTest::text).containsExactly("after-retries");
        assertThat(runtime.metrics().scrape())
                .contains("connector_errors_total{connector=\"flaky\",topic=\"*\",type=\"retryable\"} 2.0");
    }

    @Test
    void fatalPollFailureStopsTheRuntimeWithANonZeroExitCode() throws Exception {
        String topic = uniqueTopic("fatal-poll");
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(topic, 0, true))) {
            @Override
            public List<SourceRecord> poll() {
                throw new FatalException("device removed");
            }
        };
        runtime = new SourceRuntime(source, config("fatal-poll", 100, Duration.ofSeconds(1)).build());
        runtime.start();

        assertThat(runtime.awaitStopRequest(Duration.ofSeconds(10))).isTrue();
        assertThat(runtime.stop()).isEqualTo(1);
        assertThat(runtime.fatalError()).hasMessage("device removed");
    }

    @Test
    void aRecordThatCanNeverBePublishedIsNotRedelivered() {
        String topic = uniqueTopic("not-redelivered");
        AtomicReference<SourceSender> senderRef = new AtomicReference<>();
        runtime = new SourceRuntime(streamingSource(topic, 1, senderRef),
                config("not-redelivering", 100, Duration.ofSeconds(1)).build());
        runtime.start();

        CompletableFuture<Void> tooLarge = senderRef.get().send(SourceRecord.fromBytes(topic,
                new byte[5 * 1024 * 1024]));

        assertThat(tooLarge).succeedsWithin(Duration.ofSeconds(10));
        assertThat(runtime.metrics().scrape())
                .doesNotContain("connector_retries_total{connector=\"not-redelivering\",topic=\"" + topic + "\"");
        assertThat(runtime.fatalError()).isNull();
    }

    @Test
    void aProducerThatDeclaresOrderIrrelevantPipelinesItsSendsPerPartition() throws Exception {
        String ordered = uniqueTopic("ordered");
        String unordered = uniqueTopic("unordered");
        AtomicReference<SourceSender> senderRef = new AtomicReference<>();
        SourceConnector streaming = new StreamingSource(List.of(new ProducerConfig(ordered, 0, true),
                new ProducerConfig(unordered, 2, true, 16)), senderRef);
        runtime = new SourceRuntime(streaming, config("pipelining", 100, Duration.ofSeconds(1)).build());
        runtime.start();
        Consumer reader = subscribe(unordered, "unordered-reader");

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(senderRef.get().send(SourceRecord.fromString(unordered, "m" + i).withKey("k" + i)));
        }

        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(receive(reader, 10)).hasSize(10);
        assertThat(maxInFlightOf(ordered)).isEqualTo(1);
        assertThat(maxInFlightOf(unordered)).isEqualTo(16);
    }

    @Test
    void aPollThatKeepsFailingLeavesThePollComponentDegradedWithItsError() {
        String topic = uniqueTopic("failing-poll");
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(topic, 0, true))) {
            @Override
            public List<SourceRecord> poll() {
                throw new RetryableException("device busy");
            }
        };
        runtime = new SourceRuntime(source, config("failing-poll", 100, Duration.ofSeconds(1)).build());
        runtime.start();

        await("poll degraded").atMost(Duration.ofSeconds(10)).until(() -> {
            var poll = runtime.health().snapshot().components().get("poll");
            return poll != null && poll.status() == HealthStatus.DEGRADED && poll.detail().contains("device busy");
        });
        assertThat(runtime.fatalError()).isNull();
    }

    @Test
    void stoppingWhileAFailedPollWaitsForItsRedeliveryEndsTheWaitAndExitsCleanly() {
        String topic = uniqueTopic("stop-retry");
        AtomicInteger polls = new AtomicInteger();
        QueuePollingSource source = new QueuePollingSource(List.of(new ProducerConfig(topic, 0, true))) {
            @Override
            public List<SourceRecord> poll() {
                polls.incrementAndGet();
                throw new RetryableException("device busy");
            }
        };
        runtime = new SourceRuntime(source, config("stop-retry", 100, Duration.ofSeconds(1))
                .retry(new RetrySettings(100, Duration.ofSeconds(60), Duration.ofSeconds(60))).build());
        runtime.start();
        await("first poll failed").atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 1);

        long start = System.nanoTime();
        assertThat(runtime.stop()).isZero();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(polls).hasValue(1);
    }

    private int maxInFlightOf(String topic) {
        return runtime.camelContext().getEndpoints().stream()
                .filter(endpoint -> endpoint instanceof DanubeEndpoint danube && danube.getTopicName().equals(topic))
                .map(endpoint -> ((DanubeEndpoint) endpoint).getConfiguration().getMaxInFlight())
                .findFirst().orElseThrow();
    }

    private static SourceConnector streamingSource(String topic, int partitions,
                                                   AtomicReference<SourceSender> senderRef) {
        return new StreamingSource(List.of(new ProducerConfig(topic, partitions, true)), senderRef);
    }

    /** A streaming source that hands its sender to the test. */
    private record StreamingSource(List<ProducerConfig> producers, AtomicReference<SourceSender> senderRef)
            implements SourceConnector {

        @Override
        public void initialize(ConnectorContext context) {
        }

        @Override
        public List<ProducerConfig> producerConfigs() {
            return producers;
        }

        @Override
        public SourceMode mode() {
            return SourceMode.STREAMING;
        }

        @Override
        public void start(SourceSender sender) {
            senderRef.set(sender);
        }
    }
}
