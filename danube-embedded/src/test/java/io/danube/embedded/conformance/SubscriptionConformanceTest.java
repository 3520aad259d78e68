package io.danube.embedded.conformance;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.HealthCheckRequest.ClientType;
import io.danube.proto.HealthCheckResponse.ClientStatus;
import io.danube.proto.ReceiveRequest;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static io.danube.embedded.support.BrokerFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriptionConformanceTest {

    private final BrokerFixture danube = BrokerFixture.start();

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    @DisplayName("20: Subscribe again with the same name returns the same consumer_id and ends the previous stream")
    void resubscribeTakesOverWithSameId() {
        danube.createProducer("/default/takeover", "p", false);
        long first = danube.subscribe("/default/takeover", "s", "c", SubscriptionType.Shared);
        Receiver old = danube.receive(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> danube.health(
                ClientType.Consumer, first)
                == ClientStatus.OK);
        long second = danube.subscribe("/default/takeover", "s", "c", SubscriptionType.Shared);
        assertThat(second).isEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> old.endStatus() != null);
        assertThat(old.endStatus().isOk()).isTrue();
    }

    @Test
    @DisplayName("21: Exclusive: another consumer name is PERMISSION_DENIED, also after the first disconnected")
    void exclusiveLocksOutOtherNames() {
        long producer = danube.createProducer("/default/excl", "p", false);
        long first = danube.subscribe("/default/excl", "s", "owner", SubscriptionType.Exclusive);
        assertStatus(Status.Code.PERMISSION_DENIED,
                () -> danube.subscribe("/default/excl", "s", "intruder", SubscriptionType.Exclusive));
        Receiver receiver = danube.receive(first);
        danube.send(message(producer, "/default/excl", "p", 1, "stream is open"));
        receiver.take(1, Duration.ofSeconds(5));
        receiver.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> danube.health(
                ClientType.Consumer, first)
                == ClientStatus.CLOSE);
        assertStatus(Status.Code.PERMISSION_DENIED,
                () -> danube.subscribe("/default/excl", "s", "intruder", SubscriptionType.Exclusive));
        assertThat(danube.subscribe("/default/excl", "other-sub", "intruder", SubscriptionType.Exclusive)).isNotZero();
    }

    @Test
    @DisplayName("22: Shared with 3 consumers: each message to exactly one, round-robin")
    void sharedRoundRobin() {
        long producer = danube.createProducer("/default/shared", "p", false);
        Receiver[] receivers = new Receiver[3];
        for (int i = 0; i < 3; i++) {
            receivers[i] = danube.receive(danube.subscribe("/default/shared", "s", "c" + i, SubscriptionType.Shared));
        }
        danube.sendAll(producer, "/default/shared", "p", "m", 30);
        Map<String, Integer> seen = new HashMap<>();
        for (Receiver r : receivers) {
            List<StreamMessage> got = r.take(10, Duration.ofSeconds(5));
            got.forEach(m -> seen.merge(BrokerFixture.text(m), 1, Integer::sum));
            assertThat(r.poll(Duration.ofMillis(100))).isNull();
        }
        assertThat(seen).hasSize(30).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    }

    @Test
    @DisplayName("22: non-reliable Shared: the turn moves once per attempt, so a closed stream does not skew the split")
    void sharedRotationSkipsAClosedStreamWithoutSkew() {
        long producer = danube.createProducer("/default/shared-gap", "p", false);
        Receiver first = danube.receive(danube.subscribe("/default/shared-gap", "s", "c0", SubscriptionType.Shared));
        long closedId = danube.subscribe("/default/shared-gap", "s", "c1", SubscriptionType.Shared);
        Receiver closed = danube.receive(closedId);
        Receiver third = danube.receive(danube.subscribe("/default/shared-gap", "s", "c2", SubscriptionType.Shared));
        closed.cancel();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> danube.health(ClientType.Consumer, closedId) == ClientStatus.CLOSE);

        danube.sendAll(producer, "/default/shared-gap", "p", "m", 30);

        assertThat(first.take(15, Duration.ofSeconds(5))).hasSize(15);
        assertThat(third.take(15, Duration.ofSeconds(5))).hasSize(15);
        assertThat(first.poll(Duration.ofMillis(100))).isNull();
        assertThat(third.poll(Duration.ofMillis(100))).isNull();
    }

    @Test
    @DisplayName("24: KeyShared filters match bytes: '?' is one UTF-8 byte, '[' is literal")
    void keySharedFiltersMatchUtf8Bytes() {
        long producer = danube.createProducer("/default/ks-bytes", "p", false);
        Receiver oneByte = danube.receive(danube.subscribe("/default/ks-bytes", "s", "one", SubscriptionType.KeyShared,
                "eu-?"));
        Receiver twoBytes = danube.receive(danube.subscribe("/default/ks-bytes", "s", "two", SubscriptionType.KeyShared,
                "eu-??"));
        Receiver threeBytes = danube.receive(danube.subscribe("/default/ks-bytes", "s", "three",
                SubscriptionType.KeyShared, "eu-???"));
        Receiver literal = danube.receive(danube.subscribe("/default/ks-bytes", "s", "literal",
                SubscriptionType.KeyShared, "[ab]*"));

        for (String key : List.of("eu-1", "eu-ü", "eu-€", "a-x", "[ab]-€")) {
            danube.send(message(producer, "/default/ks-bytes", "p", 1, key).toBuilder().setRoutingKey(key).build());
        }

        assertThat(oneByte.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("eu-1");
        assertThat(twoBytes.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("eu-ü");
        assertThat(threeBytes.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("eu-€");
        assertThat(literal.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("[ab]-€");
        for (Receiver r : List.of(oneByte, twoBytes, threeBytes, literal)) {
            assertThat(r.poll(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    @DisplayName("23: Failover: only the first consumer receives; when its stream drops the next takes over (decision a)")
    void failoverPromotesStandby() {
        long producer = danube.createProducer("/default/failover", "p", false);
        long primaryId = danube.subscribe("/default/failover", "s", "primary", SubscriptionType.Failover);
        long standbyId = danube.subscribe("/default/failover", "s", "standby", SubscriptionType.Failover);
        Receiver primary = danube.receive(primaryId);
        Receiver standby = danube.receive(standbyId);
        danube.sendAll(producer, "/default/failover", "p", "a", 5);
        assertThat(primary.take(5, Duration.ofSeconds(5))).extracting(BrokerFixture::text)
                .containsExactly("a0", "a1", "a2", "a3", "a4");
        assertThat(standby.poll(Duration.ofMillis(100))).isNull();
        primary.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> danube.health(
                ClientType.Consumer, primaryId)
                == ClientStatus.CLOSE);
        danube.sendAll(producer, "/default/failover", "p", "b", 3);
        assertThat(standby.take(3, Duration.ofSeconds(5))).extracting(BrokerFixture::text)
                .containsExactly("b0", "b1", "b2");
    }

    @Test
    @DisplayName("24: KeyShared: one key sticks to one consumer in order; no key uses producer_name; filters respected")
    void keySharedRoutesByKeyAndFilters() {
        long producer = danube.createProducer("/default/ks", "p", false);
        Receiver a = danube.receive(danube.subscribe("/default/ks", "s", "a", SubscriptionType.KeyShared));
        Receiver b = danube.receive(danube.subscribe("/default/ks", "s", "b", SubscriptionType.KeyShared));
        for (int i = 0; i < 40; i++) {
            danube.send(message(producer, "/default/ks", "p", i, "k" + (i % 8) + ":" + i).toBuilder()
                    .setRoutingKey("k" + (i % 8)).build());
        }
        for (int i = 0; i < 5; i++) {
            danube.send(message(producer, "/default/ks", "p", 100 + i, "nokey" + i));
        }
        List<StreamMessage> all = new java.util.ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (StreamMessage m : a.drain()) {
                record(m, "a", owner, lastIndex);
                all.add(m);
            }
            for (StreamMessage m : b.drain()) {
                record(m, "b", owner, lastIndex);
                all.add(m);
            }
            return all.size() == 45;
        });
        assertThat(owner).containsKey("p");

        long p2 = danube.createProducer("/default/ksf", "p", false);
        Receiver eu = danube.receive(danube.subscribe("/default/ksf", "s", "eu", SubscriptionType.KeyShared, "eu-*"));
        Receiver us = danube.receive(danube.subscribe("/default/ksf", "s", "us", SubscriptionType.KeyShared, "us-?"));
        for (String key : List.of("eu-paris", "us-1", "eu-", "us-12", "asia")) {
            danube.send(message(p2, "/default/ksf", "p", 1, key).toBuilder().setRoutingKey(key).build());
        }
        assertThat(eu.take(2, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("eu-paris", "eu-");
        assertThat(us.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("us-1");
        assertThat(eu.poll(Duration.ofMillis(100))).isNull();
        assertThat(us.poll(Duration.ofMillis(100))).isNull();
    }

    private static void record(StreamMessage m, String consumer, Map<String, String> owner, Map<String, Integer> last) {
        String key = m.hasRoutingKey() ? m.getRoutingKey() : m.getProducerName();
        String previous = owner.putIfAbsent(key, consumer);
        assertThat(previous == null ? consumer : previous).as("owner of key %s", key).isEqualTo(consumer);
        int index = (int) m.getRequestId();
        Integer before = last.put(key, index);
        assertThat(before == null || before < index).as("order of key %s", key).isTrue();
    }

    @Test
    @DisplayName("25: ReceiveMessages with an unknown consumer_id is NOT_FOUND")
    void receiveWithUnknownConsumerIsNotFound() {
        assertStatus(Status.Code.NOT_FOUND, () -> danube.consumers.receiveMessages(
                ReceiveRequest.newBuilder().setConsumerId(12345).build()).hasNext());
    }
}
