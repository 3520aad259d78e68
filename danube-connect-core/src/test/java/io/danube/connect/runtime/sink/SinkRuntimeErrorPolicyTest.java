package io.danube.connect.runtime.sink;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.FatalException;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SinkRuntimeErrorPolicyTest extends ConnectTestSupport {

    private SinkRuntime runtime;

    private void start(RecordingSink sink, int batchSize) {
        runtime = new SinkRuntime(sink, config("policy", batchSize, Duration.ofMillis(300)).build());
        runtime.start();
        await("subscription").atMost(Duration.ofSeconds(10))
                .until(() -> runtime.health().isReady());
    }

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    void retryableFailureIsRetriedWithBackoffAndTheBatchCommitsOnceItSucceeds() {
        String topic = uniqueTopic("retry");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "retry");
        AtomicInteger calls = new AtomicInteger();
        sink.behaviour = batch -> {
            if (calls.incrementAndGet() <= 2) {
                throw new RetryableException("database busy");
            }
        };
        start(sink, 3);

        publish(producer, "a", "b", "c");

        await("batch written on the third attempt").atMost(Duration.ofSeconds(10))
                .until(() -> sink.written.size() == 3);
        assertThat(sink.batchSizes()).containsExactly(3, 3, 3);
        assertThat(runtime.metrics().scrape()).contains("connector_retries_total{connector=\"policy\",topic=\""
                                                        + topic + "\"} 2.0");
        assertThat(runtime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "retry"), Duration.ofMillis(1_500))).isEmpty();
    }

    @Test
    void exhaustedRetriesNegativelyAcknowledgeTheBatchSoTheBrokerRedeliversIt() {
        String topic = uniqueTopic("exhausted");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "exhausted");
        AtomicInteger calls = new AtomicInteger();
        sink.behaviour = batch -> {
            if (calls.incrementAndGet() <= 3) {
                throw new RetryableException("database down");
            }
        };
        start(sink, 1);

        publish(producer, "only");

        await("record written after redelivery").atMost(Duration.ofSeconds(10))
                .until(() -> sink.written.equals(List.of("only")));
        assertThat(sink.batches).hasSize(4);
        assertThat(runtime.metrics().scrape()).contains("connector_errors_total{connector=\"policy\",topic=\""
                                                        + topic + "\",type=\"retryable\"} 3.0");
    }

    @Test
    void invalidDataIsolatesThePoisonRecordIntoTheDeadLetterTopicAndCommitsTheRest() {
        String topic = uniqueTopic("poison");
        Producer producer = reliableProducer(topic);
        reliableProducer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        RecordingSink sink = new RecordingSink(topic, "poison");
        sink.behaviour = batch -> {
            for (SinkRecord record : batch) {
                if (record.payloadString().equals("poison")) {
                    throw new InvalidDataException("column 'price' rejects " + record.payloadString(), null,
                            Map.of("table", "orders"));
                }
            }
        };
        start(sink, 5);

        publish(producer, "a", "b", "poison", "d", "e");

        await("good records written").atMost(Duration.ofSeconds(10))
                .until(() -> sink.written.equals(List.of("a", "b", "d", "e")));
        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(new String(dead.payload(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(dead.attributes())
                .containsEntry("dlq.error_type", "invalid_data")
                .containsEntry("dlq.source_topic", topic)
                .containsEntry("dlq.offset", "2")
                .containsEntry("dlq.connector", "policy")
                .containsEntry("dlq.subscription", "poison")
                .containsEntry("dlq.context.table", "orders")
                .hasEntrySatisfying("dlq.error", error -> assertThat(error).contains("column 'price'"));
        // counted once the dead-letter topic confirmed the message, which may be after the reader has it
        await("dead letter counted").atMost(Duration.ofSeconds(10)).until(() -> runtime.metrics().scrape()
                .contains("connector_dlq_messages_total{connector=\"policy\",topic=\"" + topic + "\"} 1.0"));
        assertThat(runtime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "poison"), Duration.ofMillis(1_500))).isEmpty();
    }

    @Test
    void rejectedRecordsGoToTheDeadLetterTopicWithTheirOwnReasonWhileTheRestIsAcknowledgedWithoutARerun() {
        String topic = uniqueTopic("rejected");
        Producer producer = reliableProducer(topic);
        reliableProducer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        RecordingSink sink = new RecordingSink(topic, "rejected");
        sink.behaviour = batch -> {
            List<RejectedRecordsException.Rejection> rejections = batch.stream()
                    .filter(record -> record.payloadString().startsWith("bad"))
                    .map(record -> new RejectedRecordsException.Rejection(record,
                            new InvalidDataException("row " + record.payloadString() + " violates a constraint")))
                    .toList();
            if (!rejections.isEmpty()) {
                throw new RejectedRecordsException(rejections);
            }
        };
        start(sink, 4);

        publish(producer, "a", "bad1", "c", "bad2");

        List<ReceivedMessage> dead = List.of(deadLetters.receive(Duration.ofSeconds(10)).orElseThrow(),
                deadLetters.receive(Duration.ofSeconds(10)).orElseThrow());
        assertThat(dead).extracting(message -> message.attributes().get("dlq.error"))
                .containsExactlyInAnyOrder("row bad1 violates a constraint", "row bad2 violates a constraint");
        assertThat(sink.batchSizes()).containsExactly(4);
        assertThat(runtime.stop()).isZero();
        runtime = null;
        assertThat(drain(subscribe(topic, "rejected"), Duration.ofMillis(1_500))).isEmpty();
    }

    @Test
    void fatalErrorStopsTheRuntimeWithANonZeroExitCodeAndLeavesTheBatchForRedelivery() throws Exception {
        String topic = uniqueTopic("fatal");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "fatal");
        sink.behaviour = batch -> {
            throw new FatalException("credentials revoked");
        };
        start(sink, 2);

        publish(producer, "x", "y");

        assertThat(runtime.awaitStopRequest(Duration.ofSeconds(10))).isTrue();
        assertThat(runtime.stop()).isEqualTo(1);
        assertThat(runtime.fatalError()).hasMessage("credentials revoked");
        assertThat(sink.batches).hasSize(1);
        assertThat(sink.shutDown).isTrue();
        runtime = null;
        assertThat(drain(subscribe(topic, "fatal"), Duration.ofMillis(2_000)))
                .extracting(message -> new String(message.payload(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("x", "y");
    }
}
