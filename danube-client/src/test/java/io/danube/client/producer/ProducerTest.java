package io.danube.client.producer;

import io.danube.client.DanubeClient;
import io.danube.client.error.ClientClosedException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.error.InvalidTopicNameException;
import io.danube.client.error.PayloadTooLargeException;
import io.danube.client.error.NamespaceNotFoundException;
import io.danube.client.error.RetriesExhaustedException;
import io.danube.client.fake.FakeBroker;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.retry.RetryPolicy;
import io.danube.proto.DispatchStrategy;
import io.danube.proto.ProducerAccessMode;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ProducerTest {

    private static final String TOPIC = "/default/orders";

    private FakeBroker broker;
    private DanubeClient client;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        client = broker.client();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    private Producer producer() {
        return client.newProducer().topic(TOPIC).name("writer").create();
    }

    @Test
    void createRegistersSharedProducerWithRequestIdZeroAndChosenDispatch() {
        client.newProducer().topic(TOPIC).name("writer").reliable().create();

        assertThat(broker.producers.createRequests).singleElement().satisfies(request -> {
            assertThat(request.getRequestId()).isZero();
            assertThat(request.getTopicName()).isEqualTo(TOPIC);
            assertThat(request.getProducerName()).isEqualTo("writer");
            assertThat(request.getProducerAccessMode()).isEqualTo(ProducerAccessMode.Shared);
            assertThat(request.getDispatchStrategy()).isEqualTo(DispatchStrategy.Reliable);
            assertThat(request.hasSchemaRef()).isFalse();
        });
    }

    @Test
    void sentMessageCarriesTheProtocolFields() {
        Producer producer = producer();
        long before = System.currentTimeMillis();

        SendReceipt receipt = producer.send(OutgoingMessage.builder("hi".getBytes())
                .attribute("k", "v").key("customer-1").build());

        StreamMessage sent = broker.producers.received.get(0);
        assertThat(sent.getRequestId()).isEqualTo(1);
        assertThat(sent.getMsgId().getProducerId()).isEqualTo(receipt.producerId()).isNotZero();
        assertThat(sent.getMsgId().getTopicName()).isEqualTo(TOPIC);
        assertThat(sent.getMsgId().getBrokerAddr()).isEqualTo(FakeBroker.SERVICE_URL);
        assertThat(sent.getMsgId().getTopicOffset()).isZero();
        assertThat(sent.getPayload().toStringUtf8()).isEqualTo("hi");
        assertThat(sent.getPublishTime()).isBetween(before, System.currentTimeMillis());
        assertThat(sent.getProducerName()).isEqualTo("writer");
        assertThat(sent.getSubscriptionName()).isEmpty();
        assertThat(sent.getAttributesMap()).containsExactlyEntriesOf(Map.of("k", "v"));
        assertThat(sent.getRoutingKey()).isEqualTo("customer-1");
        assertThat(sent.hasSchemaId()).isFalse();
        assertThat(receipt).isEqualTo(new SendReceipt(TOPIC, "writer", receipt.producerId(), 1));
    }

    @Test
    void unkeyedMessageHasNoRoutingKey() {
        producer().send("x".getBytes());

        assertThat(broker.producers.received.get(0).hasRoutingKey()).isFalse();
    }

    @Test
    void requestIdsIncreasePerPartitionProducer() {
        Producer producer = producer();
        producer.send("a".getBytes());
        producer.send("b".getBytes());

        assertThat(broker.producers.received).extracting(StreamMessage::getRequestId).containsExactly(1L, 2L);
    }

    @Test
    void invalidTopicNameIsRejectedBeforeContactingTheBroker() {
        assertThatThrownBy(() -> client.newProducer().topic("orders").name("writer").create())
                .isInstanceOf(InvalidTopicNameException.class)
                .hasMessageContaining("orders");
        assertThat(broker.calls).isEmpty();
    }

    @Test
    void lookupNotFoundIsIgnoredAndProducerIsCreatedOnTheServiceUrl() {
        broker.discovery.answerNotFound();

        producer().send("x".getBytes());

        assertThat(broker.producers.received).hasSize(1);
        assertThat(broker.dialedUrls).containsExactly(FakeBroker.SERVICE_URL);
    }

    @Test
    void transientCreateFailuresAreRetried() {
        broker.producers.failNextCreates(Status.UNAVAILABLE, 2);

        producer();

        assertThat(broker.producers.createRequests).hasSize(3);
    }

    @Test
    void aMissingNamespaceFailsTheCreateAtOnceNamingTheNamespace() {
        broker.producers.failNextCreates(Status.UNAVAILABLE.withDescription("Unable to create topic " + TOPIC
                + ": namespace 'default' does not exist"), 100);

        assertThatThrownBy(this::producer)
                .isInstanceOfSatisfying(NamespaceNotFoundException.class, e -> {
                    assertThat(e.namespace()).isEqualTo("default");
                    assertThat(e.topic()).isEqualTo(TOPIC);
                });
        assertThat(broker.producers.createRequests).hasSize(1);
    }

    @Test
    void nonRetryableCreateFailureIsReportedWithStatusTopicAndName() {
        broker.producers.failNextCreates(Status.FAILED_PRECONDITION.withDescription("dispatch mismatch"), 1);

        assertThatThrownBy(this::producer)
                .isInstanceOfSatisfying(DanubeRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.topic()).isEqualTo(TOPIC);
                    assertThat(e.clientName()).isEqualTo("writer");
                })
                .hasMessageContaining("dispatch mismatch");
    }

    @Test
    void transientSendFailuresAreRetriedThenSucceed() {
        Producer producer = producer();
        broker.producers.failNextSends(Status.UNAVAILABLE, 1);
        broker.producers.failNextSends(Status.RESOURCE_EXHAUSTED, 1);
        broker.producers.failNextSends(Status.DEADLINE_EXCEEDED, 1);

        producer.send("x".getBytes());

        assertThat(broker.producers.sendAttempts).hasValue(4);
        assertThat(broker.producers.receivedPayloads()).containsExactly("x");
    }

    @Test
    void oversizedMessageRefusedByTheBrokerFailsAtOnce() {
        Producer producer = producer();
        broker.producers.failNextSends(Status.OUT_OF_RANGE.withDescription("decoded message length too large"), 1);

        assertThatThrownBy(() -> producer.send("x".getBytes()))
                .isExactlyInstanceOf(DanubeRpcException.class)
                .satisfies(e -> assertThat(((DanubeRpcException) e).code()).isEqualTo(Status.Code.OUT_OF_RANGE));
        assertThat(broker.producers.sendAttempts).hasValue(1);
        producer.send("y".getBytes());
        assertThat(broker.producers.receivedPayloads()).containsExactly("y");
    }

    @Test
    void persistentTransientFailureExhaustsRetriesWithTypedError() {
        Producer producer = producer();
        broker.producers.failNextSends(Status.UNAVAILABLE, 100);

        assertThatThrownBy(() -> producer.send("x".getBytes()))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.topic()).isEqualTo(TOPIC);
                    assertThat(e.clientName()).isEqualTo("writer");
                });
        assertThat(broker.producers.sendAttempts).hasValue(4);
    }

    @Test
    void nonRetryableSendFailureFailsAtOnce() {
        Producer producer = producer();
        broker.producers.failNextSends(Status.PERMISSION_DENIED.withDescription("Unable to publish the message"), 1);

        assertThatThrownBy(() -> producer.send("x".getBytes()))
                .isInstanceOfSatisfying(DanubeRpcException.class,
                        e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                .hasMessageContaining("Unable to publish");
        assertThat(broker.producers.sendAttempts).hasValue(1);
    }

    @Test
    void stalledBrokerFailsTheSendWithDeadlineExceededWithinTheDeadline() {
        try (DanubeClient quick = broker.clientBuilder().deadline(Duration.ofMillis(300))
                .retryPolicy(new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).build()) {
            Producer producer = quick.newProducer().topic(TOPIC).name("writer").create();
            broker.producers.stall();
            long start = System.nanoTime();

            assertThatThrownBy(() -> producer.send("x".getBytes()))
                    .isInstanceOfSatisfying(RetriesExhaustedException.class,
                            e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
        }
    }

    @Test
    void healthCheckCloseRecreatesTheProducerAndSendingResumes() {
        Producer producer = producer();
        producer.send("before".getBytes());
        broker.producers.forget();

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.producers.createRequests.size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(producer::isConnected);
        producer.send("after".getBytes());

        assertThat(broker.producers.receivedPayloads()).containsExactly("before", "after");
    }

    @Test
    void unreachableHealthCheckLeadsToReRegistration() {
        Producer producer = producer();

        broker.health.failWith(Status.UNAVAILABLE);

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.producers.createRequests.size() >= 2);
        broker.health.failWith(null);
        await().atMost(Duration.ofSeconds(5)).until(producer::isConnected);
        producer.send("x".getBytes());
        assertThat(broker.producers.receivedPayloads()).containsExactly("x");
    }

    @Test
    void notFoundOnSendRecreatesTheProducerAndResendsTheMessage() {
        try (DanubeClient noHealth = broker.clientBuilder().healthCheckInterval(Duration.ofHours(1)).build()) {
            Producer producer = noHealth.newProducer().topic(TOPIC).name("writer").create();
            broker.producers.forget();

            producer.send("x".getBytes());

            assertThat(broker.producers.createRequests).hasSize(2);
            assertThat(broker.producers.receivedPayloads()).containsExactly("x");
            assertThat(broker.producers.isKnown(broker.producers.received.get(0).getMsgId().getProducerId())).isTrue();
            assertThat(producer.isConnected()).isTrue();
        }
    }

    @Test
    void failedReCreationFailsTheWaitingSendAndTheNextSendTriesAgain() {
        try (DanubeClient noHealth = broker.clientBuilder().healthCheckInterval(Duration.ofHours(1)).build()) {
            Producer producer = noHealth.newProducer().topic(TOPIC).name("writer").create();
            broker.producers.forget();
            broker.producers.failNextCreates(Status.PERMISSION_DENIED, 1);

            assertThatThrownBy(() -> producer.send("lost".getBytes()))
                    .isInstanceOfSatisfying(DanubeRpcException.class,
                            e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED));
            await().atMost(Duration.ofSeconds(5)).until(() -> producer.state() == ProducerState.DISCONNECTED);

            producer.send("next".getBytes());
            assertThat(broker.producers.receivedPayloads()).containsExactly("next");
            assertThat(producer.isConnected()).isTrue();
        }
    }

    @Test
    void payloadOverFourMebibytesIsRejectedWithoutSending() {
        Producer producer = producer();

        CompletableFuture<SendReceipt> result = producer.sendAsync(new byte[DanubeClient.MAX_MESSAGE_BYTES]);

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("writer");
        assertThat(broker.producers.sendAttempts).hasValue(0);
    }

    @Test
    void payloadJustUnderTheLimitIsSent() {
        Producer producer = producer();

        producer.send(new byte[DanubeClient.MAX_MESSAGE_BYTES - 1024]);

        assertThat(broker.producers.received).hasSize(1);
    }

    @Test
    void partitionedProducerCreatesOneProducerPerPartition() {
        client.newProducer().topic(TOPIC).name("writer").partitions(3).create();

        assertThat(broker.producers.createRequests)
                .extracting(r -> r.getTopicName() + " " + r.getProducerName())
                .containsExactly("/default/orders-part-0 writer-0", "/default/orders-part-1 writer-1",
                        "/default/orders-part-2 writer-2");
    }

    @Test
    void unkeyedSendsGoRoundRobinOverPartitions() {
        Producer producer = client.newProducer().topic(TOPIC).name("writer").partitions(3).create();

        for (int i = 0; i < 6; i++) {
            producer.send(("m" + i).getBytes());
        }

        assertThat(broker.producers.received).extracting(m -> m.getMsgId().getTopicName())
                .containsExactly("/default/orders-part-0", "/default/orders-part-1", "/default/orders-part-2",
                        "/default/orders-part-0", "/default/orders-part-1", "/default/orders-part-2");
    }

    @Test
    void keyedSendsGoToTheFnvPartitionOfTheKey() {
        Producer producer = client.newProducer().topic(TOPIC).name("writer").partitions(3).create();

        // FNV-1a-64 mod 3, computed independently: "" -> 2, "a" -> 1, "foobar" -> 0, "order-42" -> 2
        for (String key : List.of("", "a", "foobar", "order-42", "a")) {
            producer.send(OutgoingMessage.builder(key.getBytes()).key(key).build());
        }

        assertThat(broker.producers.received).extracting(m -> m.getMsgId().getTopicName() + "|" + m.getRoutingKey())
                .containsExactly("/default/orders-part-2|", "/default/orders-part-1|a", "/default/orders-part-0|foobar",
                        "/default/orders-part-2|order-42", "/default/orders-part-1|a");
    }

    @Test
    void maxInFlightOneIssuesSendsOneAfterAnotherInOrder() {
        Producer producer = producer();
        broker.producers.holdResponses();

        List<CompletableFuture<SendReceipt>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(producer.sendAsync(("m" + i).getBytes()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.producers.heldCount() == 1);
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1))
                .until(() -> broker.producers.heldCount() == 1);
        while (!results.stream().allMatch(CompletableFuture::isDone)) {
            await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> broker.producers.heldCount() == 1 || results.stream().allMatch(CompletableFuture::isDone));
            broker.producers.releaseHeld();
            broker.producers.holdResponses();
        }
        broker.producers.releaseHeld();

        assertThat(broker.producers.maxConcurrentSends).hasValue(1);
        assertThat(broker.producers.receivedPayloads())
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void maxInFlightSixteenKeepsSixteenCallsConcurrentlyInFlight() {
        Producer producer = client.newProducer().topic(TOPIC).name("writer").maxInFlight(16).create();
        broker.producers.holdResponses();

        List<CompletableFuture<SendReceipt>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(producer.sendAsync(("m" + i).getBytes()));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.producers.heldCount() == 16);
        assertThat(broker.producers.maxConcurrentSends).hasValue(16);
        while (!results.stream().allMatch(CompletableFuture::isDone)) {
            broker.producers.releaseHeld();
        }
        assertThat(broker.producers.received).hasSize(40);
        assertThat(broker.producers.maxConcurrentSends).hasValue(16);
    }

    @Test
    void closeReturnsOnlyOnceTheFutureOfEveryAcceptedSendIsCompletedEvenWithSlowCallbacks() {
        Executor slowCallbacks = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
        try (DanubeClient slow = broker.clientBuilder().callbackExecutor(slowCallbacks).build()) {
            Producer producer = slow.newProducer().topic(TOPIC).name("writer").maxInFlight(4).create();
            List<CompletableFuture<SendReceipt>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(producer.sendAsync(("m" + i).getBytes()));
            }

            producer.close();

            assertThat(results).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        }
    }

    @Test
    void closeWaitsForInFlightSendsToBeConfirmed() {
        Producer producer = client.newProducer().topic(TOPIC).name("writer").maxInFlight(4).create();
        broker.producers.holdResponses();
        List<CompletableFuture<SendReceipt>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(producer.sendAsync(("m" + i).getBytes()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.producers.heldCount() == 4);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(producer::close);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !closing.isDone());
        assertThat(producer.sendAsync("late".getBytes())).isCompletedExceptionally();
        while (!closing.isDone()) {
            broker.producers.releaseHeld();
        }

        assertThat(results).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(broker.producers.received).hasSize(8);
        assertThat(producer.state()).isEqualTo(ProducerState.CLOSED);
    }

    @Test
    void closeFailsSendsThatAreNotConfirmedWithinTheCloseTimeout() {
        try (DanubeClient impatient = broker.clientBuilder().closeTimeout(Duration.ofMillis(200)).build()) {
            Producer producer = impatient.newProducer().topic(TOPIC).name("writer").create();
            broker.producers.stall();
            CompletableFuture<SendReceipt> result = producer.sendAsync("x".getBytes());

            producer.close();

            assertThat(result).isDone();
            assertThatThrownBy(result::join).hasCauseInstanceOf(ClientClosedException.class);
        }
    }

    @Test
    void sendAfterCloseFailsWithClientClosed() {
        Producer producer = producer();
        producer.close();

        assertThatThrownBy(() -> producer.send("x".getBytes())).isInstanceOf(ClientClosedException.class);
    }
}
