package io.danube.connect.runtime.sink;

import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SinkRuntimeBatchingTest extends ConnectTestSupport {

    private SinkRuntime runtime;

    private SinkRuntime start(RecordingSink sink, int batchSize, Duration batchTimeout) {
        return start(sink, config("batching", batchSize, batchTimeout).build());
    }

    private SinkRuntime start(RecordingSink sink, ConnectorConfig config) {
        runtime = new SinkRuntime(sink, config);
        runtime.start();
        await("subscription").atMost(Duration.ofSeconds(10))
                .until(() -> runtime.health().isReady());
        return runtime;
    }

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    private static String[] numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toArray(String[]::new);
    }

    @Test
    void fullBatchesAreFlushedAtBatchSizeAndTheRestAtTheTimeout() {
        String topic = uniqueTopic("batch");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "batch");
        start(sink, 10, Duration.ofMillis(700));

        publish(producer, numbered(25));

        await("all 25 written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 25);
        assertThat(sink.batchSizes()).containsExactly(10, 10, 5);
        assertThat(sink.written).containsExactly(numbered(25));
    }

    @Test
    void stoppingWhileConsumersWaitForAFullInboxNacksTheirRecordsInsteadOfWaitingOutTheShutdownTimeout() {
        String topic = uniqueTopic("full-inbox");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "full-inbox");
        sink.behaviour = batch -> sleepQuietly(Duration.ofMillis(300));
        start(sink, 1, Duration.ofMillis(100));
        publish(producer, numbered(30));
        await("first record written").atMost(Duration.ofSeconds(10)).until(() -> !sink.written.isEmpty());

        long start = System.nanoTime();
        assertThat(runtime.stop()).isZero();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);
        runtime = null;

        assertThat(stopping).isLessThan(Duration.ofSeconds(8));
        List<String> redelivered = drain(subscribe(topic, "full-inbox"), Duration.ofMillis(2_000)).stream()
                .map(message -> new String(message.payload(), StandardCharsets.UTF_8)).toList();
        assertThat(Stream.concat(sink.written.stream(), redelivered.stream()).distinct())
                .containsExactlyInAnyOrder(numbered(30));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void recordsCarryPayloadAttributesAndBrokerMetadata() {
        String topic = uniqueTopic("record");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "record");
        start(sink, 1, Duration.ofMillis(100));

        producer.send(OutgoingMessage.builder(new byte[] {(byte) 0xff, 0, 1})
                .attribute("origin", "test").key("k1").build());

        await("record written").atMost(Duration.ofSeconds(10)).until(() -> sink.batches.size() == 1);
        SinkRecord record = sink.batches.get(0).get(0);
        assertThat(record.payload()).containsExactly(0xff, 0, 1);
        assertThat(record.attributes()).containsEntry("origin", "test");
        assertThat(record.topic()).isEqualTo(topic);
        assertThat(record.partition()).isEqualTo(topic);
        assertThat(record.routingKey()).isEqualTo("k1");
        assertThat(record.producerName()).isEqualTo(producer.name());
        assertThat(record.publishTime()).isPositive();
        assertThat(record.messageId()).isNotBlank();
        assertThat(record.offset()).isZero();
    }

    @Test
    void acknowledgedBatchesAreNotRedeliveredToTheNextConsumerOfTheSubscription() {
        String topic = uniqueTopic("acked");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "acked");
        start(sink, 5, Duration.ofMillis(200));
        publish(producer, numbered(12));
        await("all 12 written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 12);

        assertThat(runtime.stop()).isZero();
        runtime = null;

        assertThat(drain(subscribe(topic, "acked"), Duration.ofMillis(2_000))).isEmpty();
        assertThat(sink.shutDown).isTrue();
    }

    @Test
    void aTrickleIsFlushedAfterTheLingerLongBeforeTheBatchTimeout() {
        String topic = uniqueTopic("linger");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "linger");
        ProcessingSettings processing = new ProcessingSettings(100, Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofMillis(20), 0, "127.0.0.1", "info", Duration.ofSeconds(30), 2, Duration.ofSeconds(10));
        start(sink, config("batching", 100, Duration.ofSeconds(60)).processing(processing).build());

        publish(producer, numbered(3));

        await("trickle written").atMost(Duration.ofSeconds(15)).until(() -> sink.written.size() == 3);
        assertThat(sink.written).containsExactly(numbered(3));
        assertThat(sink.batchSizes()).allSatisfy(size -> assertThat(size).isLessThan(100));
    }

    @Test
    void batchesCompletedBySizeAndByTimeoutAreProcessedOneAtATimeInOrder() {
        String topic = uniqueTopic("serial");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "serial");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        sink.behaviour = batch -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleepQuietly(Duration.ofMillis(150));
            running.decrementAndGet();
        };
        start(sink, 4, Duration.ofMillis(50));

        for (String payload : numbered(20)) {
            publish(producer, payload);
            if (payload.endsWith("3") || payload.endsWith("7")) {
                sleepQuietly(Duration.ofMillis(120));
            }
        }

        await("all 20 written").atMost(Duration.ofSeconds(20)).until(() -> sink.written.size() == 20);
        assertThat(mostAtOnce).hasValue(1);
        assertThat(sink.written).containsExactly(numbered(20));
    }

    @Test
    void stoppingFlushesThePendingBatchAndAcknowledgesItBeforeShutdown() {
        String topic = uniqueTopic("flush");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "flush");
        start(sink, 100, Duration.ofSeconds(60));
        publish(producer, numbered(5));
        await("5 received").atMost(Duration.ofSeconds(10)).until(() -> runtime.metrics().scrape().contains(
                "connector_messages_received_total{connector=\"batching\",topic=\"" + topic + "\"} 5.0"));
        assertThat(sink.batches).isEmpty();

        assertThat(runtime.stop()).isZero();
        runtime = null;

        assertThat(sink.written).containsExactly(numbered(5));
        assertThat(sink.shutDown).isTrue();
        assertThat(drain(subscribe(topic, "flush"), Duration.ofMillis(2_000))).isEmpty();
    }
}
