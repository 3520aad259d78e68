package io.danube.embedded.conformance;

import io.danube.embedded.FailurePolicy;
import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.HealthCheckRequest.ClientType;
import io.danube.proto.HealthCheckResponse.ClientStatus;
import io.danube.proto.MsgID;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static io.danube.embedded.support.BrokerFixture.message;
import static io.danube.embedded.support.BrokerFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReliableConformanceTest {

    private static final FailurePolicy FAST = FailurePolicy.defaults()
            .withAckTimeout(Duration.ofMillis(300))
            .withRedeliveryDelays(Duration.ofMillis(200), Duration.ofMillis(1000));

    private final BrokerFixture danube = BrokerFixture.start(BrokerFixture.fastConfig()
            .failurePolicy(FailurePolicy.defaults())
            .subscriptionFailurePolicy("fast", FAST)
            .subscriptionFailurePolicy("block", FailurePolicy.defaults()
                    .withAckTimeout(Duration.ofMillis(100))
                    .withBackoff(FailurePolicy.Backoff.FIXED)
                    .withRedeliveryDelays(Duration.ofMillis(30), Duration.ofMillis(30)))
            .build());

    @AfterEach
    void stop() {
        danube.close();
    }

    private long reliableTopic(String topic) {
        return danube.createProducer(topic, "p", true);
    }

    @Test
    @DisplayName("26: an unacked message is redelivered with the same msg_id after the ack timeout")
    void unackedMessageIsRedeliveredAfterAckTimeout() {
        long producer = reliableTopic("/default/r26");
        Receiver receiver = danube.receive(danube.subscribe("/default/r26", "fast", "c", SubscriptionType.Exclusive));
        danube.send(message(producer, "/default/r26", "p", 11, "once"));
        StreamMessage first = receiver.take(1, Duration.ofSeconds(5)).get(0);
        long delivered = System.nanoTime();
        StreamMessage again = receiver.take(1, Duration.ofSeconds(5)).get(0);
        long elapsedMillis = (System.nanoTime() - delivered) / 1_000_000;
        assertThat(again.getMsgId()).isEqualTo(first.getMsgId());
        assertThat(again.getRequestId()).isEqualTo(11);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300 + 200 - 50);
        danube.ack(again, "fast");
        assertThat(receiver.poll(Duration.ofMillis(800))).isNull();
    }

    @Test
    @DisplayName("27: nack backoff doubles from the base delay, delay_ms is honoured, both capped at the max delay")
    void nackBackoffIsExponentialAndCapped() {
        long producer = reliableTopic("/default/r27");
        Receiver receiver = danube.receive(danube.subscribe("/default/r27", "fast", "c", SubscriptionType.Exclusive));
        danube.send(message(producer, "/default/r27", "p", 1, "n"));
        StreamMessage m = receiver.take(1, Duration.ofSeconds(5)).get(0);
        long[] expected = {200, 400, 800, 1000};
        for (long expectedMillis : expected) {
            long nacked = System.nanoTime();
            danube.nack(m, "fast", 0L);
            m = receiver.take(1, Duration.ofSeconds(5)).get(0);
            long waited = (System.nanoTime() - nacked) / 1_000_000;
            assertThat(waited).as("redelivery delay").isBetween(expectedMillis - 30, expectedMillis + 1500);
        }
        danube.ack(m, "fast");

        danube.send(message(producer, "/default/r27", "p", 2, "d"));
        StreamMessage d = receiver.take(1, Duration.ofSeconds(5)).get(0);
        long nacked = System.nanoTime();
        danube.nack(d, "fast", 600L);
        d = receiver.take(1, Duration.ofSeconds(5)).get(0);
        assertThat((System.nanoTime() - nacked) / 1_000_000).isBetween(570L, 2000L);
        nacked = System.nanoTime();
        danube.nack(d, "fast", 5000L);
        d = receiver.take(1, Duration.ofSeconds(5)).get(0);
        assertThat((System.nanoTime() - nacked) / 1_000_000).isBetween(970L, 2500L);
        danube.ack(d, "fast");
    }

    @Test
    @DisplayName("28: after 6 deliveries without ack the subscription stops delivering new messages (Block)")
    void poisonedMessageBlocksTheSubscription() {
        long producer = reliableTopic("/default/r28");
        Receiver receiver = danube.receive(danube.subscribe("/default/r28", "block", "c", SubscriptionType.Exclusive));
        danube.send(message(producer, "/default/r28", "p", 1, "poison"));
        List<StreamMessage> deliveries = receiver.take(6, Duration.ofSeconds(5));
        assertThat(deliveries).extracting(BrokerFixture::text).containsOnly("poison");
        assertThat(receiver.poll(Duration.ofMillis(400))).as("no 7th delivery").isNull();
        danube.send(message(producer, "/default/r28", "p", 2, "stuck"));
        assertThat(receiver.poll(Duration.ofMillis(400))).as("new messages are held").isNull();
    }

    @Test
    @DisplayName("29: re-subscribing with the same name redelivers the unacked messages")
    void resubscribeRedeliversUnacked() {
        long producer = reliableTopic("/default/r29");
        long consumer = danube.subscribe("/default/r29", "s", "c", SubscriptionType.Exclusive);
        Receiver first = danube.receive(consumer);
        danube.sendAll(producer, "/default/r29", "p", "m", 3);
        List<StreamMessage> got = first.take(3, Duration.ofSeconds(5));
        danube.ack(got.get(0), "s");
        first.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> danube.health(ClientType.Consumer, consumer) == ClientStatus.CLOSE);
        assertThat(danube.subscribe("/default/r29", "s", "c", SubscriptionType.Exclusive)).isEqualTo(consumer);
        Receiver second = danube.receive(consumer);
        List<StreamMessage> redelivered = second.take(2, Duration.ofSeconds(5));
        assertThat(redelivered).extracting(m -> m.getMsgId().getTopicOffset()).containsExactly(1L, 2L);
        assertThat(redelivered).extracting(StreamMessage::getMsgId)
                .containsExactly(got.get(1).getMsgId(), got.get(2).getMsgId());
    }

    @Test
    @DisplayName("30: Shared: a dropped consumer's in-flight messages go to another consumer at once")
    void sharedDropRedeliversToOtherConsumer() {
        long producer = reliableTopic("/default/r30");
        long a = danube.subscribe("/default/r30", "s", "a", SubscriptionType.Shared);
        long b = danube.subscribe("/default/r30", "s", "b", SubscriptionType.Shared);
        Receiver ra = danube.receive(a);
        Receiver rb = danube.receive(b);
        danube.sendAll(producer, "/default/r30", "p", "m", 4);
        List<StreamMessage> toA = ra.take(2, Duration.ofSeconds(5));
        List<StreamMessage> toB = rb.take(2, Duration.ofSeconds(5));
        toB.forEach(m -> danube.ack(m, "s"));
        long dropped = System.nanoTime();
        ra.cancel();
        List<StreamMessage> moved = rb.take(2, Duration.ofSeconds(5));
        assertThat((System.nanoTime() - dropped) / 1_000_000).as("well before the 30 s ack timeout").isLessThan(5000);
        assertThat(moved).extracting(StreamMessage::getMsgId)
                .containsExactlyInAnyOrderElementsOf(toA.stream().map(StreamMessage::getMsgId).toList());
    }

    @Test
    @DisplayName("31: at most 10 unacked messages are outstanding per subscription")
    void windowLimitsUnackedMessages() {
        long producer = reliableTopic("/default/r31");
        Receiver receiver = danube.receive(danube.subscribe("/default/r31", "s", "c", SubscriptionType.Shared));
        danube.sendAll(producer, "/default/r31", "p", "m", 25);
        List<StreamMessage> window = receiver.take(10, Duration.ofSeconds(5));
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
        danube.ack(window.get(0), "s");
        assertThat(text(receiver.take(1, Duration.ofSeconds(5)).get(0))).isEqualTo("m10");
        assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    @DisplayName("32: Ack/Nack of unknown offsets and on non-reliable topics is OK; unknown subscription is INTERNAL")
    void ackEdgeCases() {
        reliableTopic("/default/r32");
        danube.subscribe("/default/r32", "s", "c", SubscriptionType.Exclusive);
        StreamMessage ghost = StreamMessage.newBuilder().setMsgId(MsgID.newBuilder()
                .setTopicName("/default/r32").setTopicOffset(12345)).build();
        danube.ack(ghost, "s");
        danube.nack(ghost, "s", 10L);
        danube.createProducer("/default/r32-nr", "p", false);
        danube.subscribe("/default/r32-nr", "s", "c", SubscriptionType.Exclusive);
        StreamMessage nonReliable = StreamMessage.newBuilder().setMsgId(MsgID.newBuilder()
                .setTopicName("/default/r32-nr")).build();
        danube.ack(nonReliable, "s");
        danube.nack(nonReliable, "s", null);
        assertStatus(Status.Code.INTERNAL, () -> danube.ack(ghost, "nope"));
        assertStatus(Status.Code.INTERNAL, () -> danube.nack(ghost, "nope", null));
        StreamMessage unknownTopic = StreamMessage.newBuilder().setMsgId(MsgID.newBuilder()
                .setTopicName("/default/none")).build();
        assertStatus(Status.Code.INTERNAL, () -> danube.ack(unknownTopic, "s"));
    }

    @Test
    @DisplayName("41: KeyShared reliable: an evicted consumer that re-subscribes rejoins the ring (decision c)")
    void evictedKeySharedConsumerRejoins() {
        long producer = reliableTopic("/default/r41");
        long a = danube.subscribe("/default/r41", "s", "a", SubscriptionType.KeyShared);
        long b = danube.subscribe("/default/r41", "s", "b", SubscriptionType.KeyShared);
        Receiver ra = danube.receive(a);
        Receiver rb = danube.receive(b);
        sendKeyed(producer, "/default/r41", 1000, 30);
        Set<String> warmUp = new HashSet<>();
        Set<String> warmUpOwners = new HashSet<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (StreamMessage m : ra.drain()) {
                danube.ack(m, "s");
                warmUp.add(text(m));
                warmUpOwners.add("a");
            }
            for (StreamMessage m : rb.drain()) {
                danube.ack(m, "s");
                warmUp.add(text(m));
                warmUpOwners.add("b");
            }
            return warmUp.size() == 30;
        });
        assertThat(warmUpOwners).containsExactlyInAnyOrder("a", "b");
        ra.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> danube.health(ClientType.Consumer, a) == ClientStatus.CLOSE);
        await().pollDelay(Duration.ofMillis(400)).until(() -> true);
        sendKeyed(producer, "/default/r41", 0, 30);
        List<StreamMessage> allToB = takeAcking(rb, 30);
        assertThat(allToB).hasSize(30);

        assertThat(danube.subscribe("/default/r41", "s", "a", SubscriptionType.KeyShared)).isEqualTo(a);
        Receiver back = danube.receive(a);
        sendKeyed(producer, "/default/r41", 30, 30);
        Set<String> seen = new HashSet<>();
        Set<String> toRejoined = new HashSet<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (StreamMessage m : back.drain()) {
                danube.ack(m, "s");
                seen.add(text(m));
                toRejoined.add(text(m));
            }
            for (StreamMessage m : rb.drain()) {
                danube.ack(m, "s");
                seen.add(text(m));
            }
            return seen.size() == 30;
        });
        assertThat(toRejoined).as("keys routed to the rejoined consumer").isNotEmpty();
    }

    private void sendKeyed(long producer, String topic, int from, int count) {
        for (int i = from; i < from + count; i++) {
            danube.send(message(producer, topic, "p", i, "m" + i).toBuilder().setRoutingKey("key-" + i).build());
        }
    }

    private List<StreamMessage> takeAcking(Receiver receiver, int n) {
        List<StreamMessage> out = new ArrayList<>();
        while (out.size() < n) {
            StreamMessage m = receiver.poll(Duration.ofSeconds(5));
            if (m == null) {
                break;
            }
            danube.ack(m, "s");
            out.add(m);
        }
        return out;
    }
}
