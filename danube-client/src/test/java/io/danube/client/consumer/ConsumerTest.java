package io.danube.client.consumer;

import io.danube.client.DanubeClient;
import io.danube.client.error.DanubeClientException;
import io.danube.client.error.DanubeRpcException;
import io.danube.client.fake.FakeBroker;
import io.danube.client.fake.FakeConsumerService;
import io.danube.client.message.MessageId;
import io.danube.client.message.ReceivedMessage;
import io.danube.proto.AckRequest;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConsumerTest {

    private static final String TOPIC = "/default/events";
    private static final Duration WAIT = Duration.ofSeconds(5);

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

    private Consumer subscribe() {
        return client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub").subscribe();
    }

    private ReceivedMessage receive(Consumer consumer) {
        return consumer.receive(WAIT).orElseThrow(() -> new AssertionError("no message within " + WAIT));
    }

    @Test
    void subscribeSendsNameSubscriptionTypeAndKeyFilters() {
        client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub")
                .subscriptionType(SubscriptionType.KEY_SHARED).keyFilters(List.of("eu-*", "us-?")).subscribe();

        assertThat(broker.consumers.subscribeRequests).singleElement().satisfies(request -> {
            assertThat(request.getTopicName()).isEqualTo(TOPIC);
            assertThat(request.getConsumerName()).isEqualTo("reader");
            assertThat(request.getSubscription()).isEqualTo("sub");
            assertThat(request.getSubscriptionType()).isEqualTo(ConsumerRequest.SubscriptionType.KeyShared);
            assertThat(request.getKeyFiltersList()).containsExactly("eu-*", "us-?");
        });
    }

    @ParameterizedTest
    @CsvSource({"EXCLUSIVE,Exclusive", "SHARED,Shared", "FAILOVER,Failover",
            "KEY_SHARED,KeyShared"})
    void subscriptionTypeMapsToTheWireEnum(SubscriptionType type, ConsumerRequest.SubscriptionType wire) {
        client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub").subscriptionType(type).subscribe();

        assertThat(broker.consumers.subscribeRequests.get(0).getSubscriptionType()).isEqualTo(wire);
    }

    @Test
    void defaultSubscriptionTypeIsShared() {
        subscribe();

        assertThat(broker.consumers.subscribeRequests.get(0).getSubscriptionType())
                .isEqualTo(ConsumerRequest.SubscriptionType.Shared);
    }

    @Test
    void receivedMessageExposesEveryDeliveredField() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 7, "payload").toBuilder()
                .putAttributes("a", "1").setRoutingKey("key-1").setSchemaId(3).setSchemaVersion(2).build());

        ReceivedMessage message = receive(consumer);

        assertThat(message.id()).isEqualTo(new MessageId(77, TOPIC, FakeBroker.SERVICE_URL, 7));
        assertThat(message.requestId()).isEqualTo(8);
        assertThat(new String(message.payload())).isEqualTo("payload");
        assertThat(message.attributes()).isEqualTo(Map.of("a", "1"));
        assertThat(message.publishTime()).isEqualTo(1_700_000_000_007L);
        assertThat(message.producerName()).isEqualTo("writer");
        assertThat(message.routingKey()).contains("key-1");
        assertThat(message.schemaId()).hasValue(3);
        assertThat(message.schemaVersion()).hasValue(2);
    }

    @Test
    void receivedPayloadCannotBeModifiedThroughItsAccessors() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 0, "abc"));
        ReceivedMessage message = receive(consumer);

        message.payload()[0] = 'X';

        assertThat(new String(message.payload())).isEqualTo("abc");
        assertThat(message.payloadBuffer().isReadOnly()).isTrue();
        assertThatThrownBy(() -> message.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void receiveReturnsEmptyWhenNothingArrivesInTime() {
        Consumer consumer = subscribe();

        assertThat(consumer.receive(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void ackEchoesTheMessageIdsWithTheConsumersOwnSubscription() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        StreamMessage delivered = FakeConsumerService.message(TOPIC, 4, "x");
        broker.consumers.push(TOPIC, delivered);

        consumer.ack(receive(consumer)).join();

        assertThat(broker.consumers.acks).singleElement().isEqualTo(AckRequest.newBuilder()
                .setRequestId(delivered.getRequestId()).setMsgId(delivered.getMsgId()).setSubscriptionName("sub")
                .build());
    }

    @Test
    void ackIsRetriedOnTransientFailure() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 4, "x"));
        ReceivedMessage message = receive(consumer);
        broker.consumers.failNextAcks(Status.UNAVAILABLE, 2);

        consumer.ack(message).join();

        assertThat(broker.consumers.acks).hasSize(1);
    }

    @Test
    void ackFailsWithTypedErrorOnNonRetryableStatus() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 4, "x"));
        ReceivedMessage message = receive(consumer);
        broker.consumers.failNextAcks(Status.INTERNAL.withDescription("subscription not found"), 1);

        assertThatThrownBy(() -> consumer.ack(message).join())
                .hasCauseInstanceOf(DanubeRpcException.class)
                .hasMessageContaining("INTERNAL").hasMessageContaining(TOPIC).hasMessageContaining("reader");
    }

    @Test
    void subscribeRejectionIsReportedWithStatus() {
        broker.consumers.failNextSubscribes(Status.PERMISSION_DENIED.withDescription("Exclusive"), 1);

        assertThatThrownBy(this::subscribe)
                .isInstanceOfSatisfying(DanubeRpcException.class,
                        e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                .hasMessageContaining("Exclusive");
    }

    @Test
    void failedReSubscriptionIsRetriedUntilItSucceeds() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.failNextSubscribes(Status.NOT_FOUND, 3);

        broker.consumers.dropStream(TOPIC);

        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC) && consumer.isConnected());
        assertThat(broker.consumers.subscribeRequests).hasSize(5);
    }

    @Test
    void nackCarriesDelayAndReason() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 4, "x"));

        consumer.nack(receive(consumer), Duration.ofSeconds(3), "downstream unavailable").join();

        assertThat(broker.consumers.nacks).singleElement().satisfies(nack -> {
            assertThat(nack.getMsgId().getTopicOffset()).isEqualTo(4);
            assertThat(nack.getSubscriptionName()).isEqualTo("sub");
            assertThat(nack.getDelayMs()).isEqualTo(3000);
            assertThat(nack.getReason()).isEqualTo("downstream unavailable");
        });
    }

    @Test
    void nackWithoutDelayLeavesOptionalFieldsUnset() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 4, "x"));

        consumer.nack(receive(consumer)).join();

        assertThat(broker.consumers.nacks.get(0).hasDelayMs()).isFalse();
        assertThat(broker.consumers.nacks.get(0).hasReason()).isFalse();
    }

    @Test
    void partitionedConsumerMergesAllPartitionStreams() {
        List<String> parts = List.of(TOPIC + "-part-0", TOPIC + "-part-1", TOPIC + "-part-2");
        broker.discovery.partitions(TOPIC, parts);
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> parts.stream().allMatch(broker.consumers::hasStream));

        parts.forEach(p -> broker.consumers.push(p, FakeConsumerService.message(p, 0, p)));

        List<String> payloads = List.of(receive(consumer), receive(consumer), receive(consumer)).stream()
                .map(m -> new String(m.payload())).toList();
        assertThat(payloads).containsExactlyInAnyOrderElementsOf(parts);
        assertThat(consumer.partitionTopics()).containsExactlyElementsOf(parts);
        assertThat(broker.consumers.subscribeRequests).extracting(ConsumerRequest::getTopicName)
                .containsExactlyElementsOf(parts);
    }

    @Test
    void acksAreRoutedToThePartitionTheMessageCameFrom() {
        List<String> parts = List.of(TOPIC + "-part-0", TOPIC + "-part-1");
        broker.discovery.partitions(TOPIC, parts);
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> parts.stream().allMatch(broker.consumers::hasStream));
        broker.consumers.push(parts.get(1), FakeConsumerService.message(parts.get(1), 9, "x"));

        consumer.ack(receive(consumer)).join();

        assertThat(broker.consumers.acks).singleElement()
                .satisfies(ack -> assertThat(ack.getMsgId().getTopicName()).isEqualTo(parts.get(1)));
    }

    @Test
    void ackOfAMessageFromAnotherTopicIsRejected() {
        Consumer consumer = subscribe();
        ReceivedMessage foreign = new ReceivedMessage(new MessageId(1, "/default/other", "u", 0), 1, new byte[0],
                Map.of(), 0, "p", Optional.empty(), OptionalLong.empty(), OptionalInt.empty());

        assertThatThrownBy(() -> consumer.ack(foreign)).isInstanceOf(DanubeClientException.class)
                .hasMessageContaining("/default/other");
    }

    @Test
    void topicWithoutPartitionsOrTopicFailsToSubscribe() {
        broker.discovery.partitions(TOPIC, List.of());

        assertThatThrownBy(this::subscribe).isInstanceOf(DanubeClientException.class).hasMessageContaining(TOPIC);
    }

    @Test
    void droppedStreamIsReSubscribedAndReceivingContinues() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 0, "before"));
        assertThat(new String(receive(consumer).payload())).isEqualTo("before");

        broker.consumers.dropStream(TOPIC);

        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC) && consumer.isConnected());
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 1, "after"));
        assertThat(new String(receive(consumer).payload())).isEqualTo("after");
        assertThat(broker.consumers.subscribeRequests).hasSize(2);
        assertThat(broker.consumers.streamsOpened).hasValue(2);
    }

    @Test
    void connectionListenerHearsTheDisconnectionWithAReasonAndThenTheReconnection() {
        List<String> events = new CopyOnWriteArrayList<>();
        client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub")
                .connectionListener(new ConnectionListener() {
                    @Override
                    public void onDisconnected(String partitionTopic, String reason) {
                        events.add("down " + partitionTopic + " " + reason);
                    }

                    @Override
                    public void onReconnected(String partitionTopic) {
                        events.add("up " + partitionTopic);
                    }
                })
                .subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));

        broker.consumers.dropStream(TOPIC);

        await().atMost(WAIT).until(() -> events.size() == 2);
        // The dropped stream and a health probe that finds the consumer gone race to report the loss; either is
        // the same event, so the reason is only required to be there, not to have a particular wording.
        String disconnected = "down " + TOPIC + " ";
        assertThat(events.get(0)).startsWith(disconnected).hasSizeGreaterThan(disconnected.length());
        assertThat(events.get(1)).isEqualTo("up " + TOPIC);
    }

    @Test
    void healthCheckCloseLeadsToReSubscription() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));

        broker.consumers.evict(TOPIC);

        await().atMost(WAIT).until(() -> broker.consumers.subscribeRequests.size() == 2);
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC) && consumer.isConnected());
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 1, "after"));
        assertThat(new String(receive(consumer).payload())).isEqualTo("after");
    }

    @Test
    void unreachableHealthCheckLeadsToReSubscription() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));

        broker.health.failWith(Status.UNAVAILABLE);

        await().atMost(WAIT).until(() -> broker.consumers.subscribeRequests.size() >= 2);
        broker.health.failWith(null);
        AtomicInteger lastCount = new AtomicInteger(-1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            int subscribes = broker.consumers.subscribeRequests.size();
            return lastCount.getAndSet(subscribes) == subscribes
                    && broker.consumers.hasStream(TOPIC) && consumer.isConnected();
        });
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 1, "after"));
        assertThat(new String(receive(consumer).payload())).isEqualTo("after");
    }

    @Test
    void slowConsumerLimitsWhatTheBrokerCanPushToThePrefetchSize() {
        Consumer consumer = client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub")
                .prefetch(5).subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));

        AtomicInteger pushed = broker.consumers.pushWhenReady(TOPIC, 1000);

        await().atMost(WAIT).until(() -> pushed.get() >= 5);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> pushed.get() == 5);
        assertThat(consumer.bufferedMessages()).isEqualTo(5);

        for (int i = 0; i < 3; i++) {
            receive(consumer);
        }
        await().atMost(WAIT).until(() -> pushed.get() == 8);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> pushed.get() == 8);
        assertThat(consumer.bufferedMessages()).isEqualTo(5);
    }

    @Test
    void prefetchBoundHoldsAcrossReSubscription() {
        Consumer consumer = client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub")
                .prefetch(5).subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        AtomicInteger first = broker.consumers.pushWhenReady(TOPIC, 1000);
        await().atMost(WAIT).until(() -> first.get() == 5);

        broker.consumers.dropStream(TOPIC);
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC) && consumer.isConnected());
        AtomicInteger second = broker.consumers.pushWhenReady(TOPIC, 1000);

        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> second.get() == 0);
        for (int i = 0; i < 5; i++) {
            receive(consumer);
        }
        await().atMost(WAIT).until(() -> second.get() == 5);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> second.get() == 5);
        assertThat(consumer.bufferedMessages()).isEqualTo(5);
    }

    @Test
    void listenerReceivesMessagesAndCanAcknowledgeThem() {
        List<ReceivedMessage> seen = new CopyOnWriteArrayList<>();
        client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub")
                .messageListener((consumer, message) -> {
                    seen.add(message);
                    consumer.ack(message);
                })
                .subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));

        for (int i = 0; i < 3; i++) {
            broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, i, "m" + i));
        }

        await().atMost(WAIT).until(() -> broker.consumers.acks.size() == 3);
        assertThat(seen).extracting(m -> new String(m.payload())).containsExactly("m0", "m1", "m2");
    }

    @Test
    void failingListenerDoesNotStopDelivery() {
        List<String> seen = new CopyOnWriteArrayList<>();
        client.newConsumer().topic(TOPIC).consumerName("reader").subscription("sub")
                .messageListener((consumer, message) -> {
                    seen.add(new String(message.payload()));
                    throw new IllegalStateException("boom");
                })
                .subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));

        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 0, "a"));
        broker.consumers.push(TOPIC, FakeConsumerService.message(TOPIC, 1, "b"));

        await().atMost(WAIT).until(() -> seen.size() == 2);
    }

    @Test
    void closedConsumerReportsClosedAndEndsItsStream() {
        Consumer consumer = subscribe();
        await().atMost(WAIT).until(() -> broker.consumers.hasStream(TOPIC));
        assertThat(consumer.state()).isEqualTo(ConsumerState.CONNECTED);

        consumer.close();

        assertThat(consumer.state()).isEqualTo(ConsumerState.CLOSED);
        assertThat(consumer.isConnected()).isFalse();
        await().atMost(WAIT).until(() -> !broker.consumers.hasStream(TOPIC));
    }
}
