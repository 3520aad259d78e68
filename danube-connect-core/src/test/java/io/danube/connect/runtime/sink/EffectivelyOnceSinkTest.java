package io.danube.connect.runtime.sink;

import io.danube.client.producer.Producer;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runtime's side of {@link io.danube.connect.api.PositionStoringSink}: what the sink stores is not written twice. */
class EffectivelyOnceSinkTest extends ConnectTestSupport {

    private SinkRuntime runtime;

    private void start(RecordingSink sink, int batchSize) {
        runtime = new SinkRuntime(sink, config("once", batchSize, Duration.ofSeconds(5)).build());
        runtime.start();
        await("subscription").atMost(Duration.ofSeconds(10)).until(() -> runtime.health().isReady());
    }

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    private String skipped(String topic) {
        return "connector_records_skipped_total{connector=\"once\",reason=\"already_written\",topic=\"" + topic
               + "\"}";
    }

    @Test
    void aBatchStoredButNotAcknowledgedIsAcknowledgedWithoutWritingItAgain() {
        String topic = uniqueTopic("stored-unacked");
        Producer producer = reliableProducer(topic);
        PositionStoringTestSink sink = new PositionStoringTestSink(topic, "stored-unacked");
        AtomicBoolean firstCommit = new AtomicBoolean(true);
        sink.behaviour = batch -> {
            if (firstCommit.getAndSet(false)) {
                throw new RetryableException("connection lost after the commit");
            }
        };
        start(sink, 3);

        publish(producer, "a", "b", "c");

        await("the retry found the batch stored").atMost(Duration.ofSeconds(10))
                .until(() -> runtime.metrics().scrape().contains(skipped(topic) + " 3.0"));
        assertThat(sink.written).containsExactly("a", "b", "c");
        assertThat(runtime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "stored-unacked"), Duration.ofMillis(1_500))).isEmpty();
    }

    @Test
    void aPositionStoredByAnotherInstanceMeanwhileFailsTheBatchAndTheRetryWritesOnlyTheOthers() {
        String topic = uniqueTopic("stored-elsewhere");
        Producer producer = reliableProducer(topic);
        PositionStoringTestSink sink = new PositionStoringTestSink(topic, "stored-elsewhere");
        AtomicBoolean raced = new AtomicBoolean();
        sink.beforeWrite = batch -> batch.stream().filter(record -> record.payloadString().equals("b"))
                .filter(record -> !raced.getAndSet(true))
                .forEach(record -> sink.storeElsewhere(record.position()));
        start(sink, 3);

        publish(producer, "a", "b", "c");

        await("the others written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 2);
        assertThat(sink.written).containsExactly("a", "c");
        assertThat(runtime.metrics().scrape()).contains(skipped(topic) + " 1.0")
                .contains("connector_retries_total{connector=\"once\",topic=\"" + topic + "\"} 1.0");
        assertThat(runtime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "stored-elsewhere"), Duration.ofMillis(1_500))).isEmpty();
    }

    @Test
    void recordsOfConsumersThatDoNotStorePositionsAreWrittenWithoutAsking() {
        String topic = uniqueTopic("not-storing");
        Producer producer = reliableProducer(topic);
        PositionStoringTestSink sink = new PositionStoringTestSink(topic, "not-storing");
        sink.storing = false;
        start(sink, 2);

        publish(producer, "a", "b");

        await("written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 2);
        assertThat(sink.asked).isEmpty();
        assertThat(runtime.metrics().scrape()).doesNotContain("connector_records_skipped_total");
    }

    @Test
    void eachRecordIsHandedWithItsSubscriptionPartitionAndOffset() {
        String topic = uniqueTopic("positions");
        Producer producer = reliableProducer(topic);
        PositionStoringTestSink sink = new PositionStoringTestSink(topic, "positions");
        start(sink, 3);

        publish(producer, "a", "b", "c");

        await("written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 3);
        List<DanubePosition> positions = sink.batches.stream().flatMap(List::stream).map(SinkRecord::position)
                .toList();
        assertThat(positions).extracting(DanubePosition::subscription).containsOnly("positions");
        assertThat(positions).extracting(DanubePosition::partition).containsOnly(topic);
        assertThat(positions).extracting(DanubePosition::offset).doesNotHaveDuplicates();
        assertThat(sink.asked).containsExactly(positions);
    }
}
