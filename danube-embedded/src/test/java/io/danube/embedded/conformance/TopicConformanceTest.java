package io.danube.embedded.conformance;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.ProducerRequest;
import io.danube.proto.StreamMessage;
import io.danube.proto.TopicLookupRequest;
import io.danube.proto.TopicLookupResponse;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

class TopicConformanceTest {

    private final BrokerFixture danube =
            BrokerFixture.start(BrokerFixture.fastConfig().bootstrapNamespaces(List.of("default", "ns1")).build());

    @AfterEach
    void stop() {
        danube.close();
    }

    private TopicLookupResponse lookup(String topic, long requestId) {
        return danube.discovery.topicLookup(TopicLookupRequest.newBuilder().setRequestId(requestId).setTopic(topic).build());
    }

    @Test
    @DisplayName("3: lookup of a local topic answers Connect with the broker's own URL")
    void lookupOfLocalTopicConnectsToThisBroker() {
        danube.createProducer("/default/lookup", "p", false);
        TopicLookupResponse response = lookup("/default/lookup", 42);
        assertThat(response.getResponseType()).isEqualTo(TopicLookupResponse.LookupType.Connect);
        assertThat(response.getBrokerUrl()).isEqualTo(danube.broker.serviceUrl());
        assertThat(response.getConnectUrl()).isEqualTo(danube.broker.serviceUrl());
        assertThat(response.getProxy()).isFalse();
        assertThat(response.getRequestId()).isEqualTo(42);
        assertThat(danube.broker.serviceUrl()).isEqualTo("http://127.0.0.1:" + danube.broker.port());
    }

    @Test
    @DisplayName("4: lookup of an unknown topic is NOT_FOUND and creates nothing")
    void lookupOfUnknownTopicIsNotFound() {
        assertStatus(Status.Code.NOT_FOUND, () -> lookup("/default/nobody", 1));
        assertThat(danube.partitions("/default/nobody")).isEmpty();
        assertStatus(Status.Code.NOT_FOUND, () -> danube.subscribe("/default/nobody", "s", "c", SubscriptionType.Shared));
    }

    @Test
    @DisplayName("5: malformed topic names are INVALID_ARGUMENT on Lookup, Partitions, CreateProducer, Subscribe")
    void malformedTopicNamesAreInvalidArgument() {
        for (String bad : List.of("default/x", "/default/x/y", "/default/a.b", "/default/sp ace", "plain")) {
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> lookup(bad, 1));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.partitions(bad));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.createProducer(bad, "p", false));
            assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.subscribe(bad, "s", "c", SubscriptionType.Shared));
        }
        danube.createProducer("/default/ünïcode_ok-1", "p", false);
    }

    @Test
    @DisplayName("6: CreateProducer auto-creates a missing topic in default with the requested strategy")
    void createProducerAutoCreatesTopic() {
        long id = danube.createProducer("/default/auto", "p", true);
        assertThat(id).isNotZero();
        assertThat(lookup("/default/auto", 1).getResponseType()).isEqualTo(TopicLookupResponse.LookupType.Connect);
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> danube.createProducer("/default/auto", "q", false));
    }

    @Test
    @DisplayName("7: CreateProducer in a missing namespace is UNAVAILABLE")
    void createProducerInMissingNamespaceIsUnavailable() {
        assertStatus(Status.Code.UNAVAILABLE, () -> danube.createProducer("/nowhere/t", "p", false));
        assertStatus(Status.Code.NOT_FOUND, () -> lookup("/nowhere/t", 1));
        danube.createProducer("/system/t", "p", false);
    }

    @Test
    @DisplayName("8: CreateProducer twice with the same name returns the same producer_id")
    void duplicateProducerNameGetsSameId() {
        var request = ProducerRequest.newBuilder().setRequestId(9).setTopicName("/default/dup").setProducerName("p").build();
        var first = danube.producers.createProducer(request);
        var second = danube.producers.createProducer(request.toBuilder().setRequestId(10).build());
        assertThat(second.getProducerId()).isEqualTo(first.getProducerId()).isNotZero();
        assertThat(second.getRequestId()).isEqualTo(10);
        assertThat(second.getProducerName()).isEqualTo("p");
        assertThat(danube.createProducer("/default/dup", "other", false)).isNotEqualTo(first.getProducerId());
    }

    @Test
    @DisplayName("9: a producer with the other dispatch strategy is FAILED_PRECONDITION")
    void strategyMismatchIsFailedPrecondition() {
        danube.createProducer("/default/rel", "p", true);
        danube.createProducer("/default/nonrel", "p", false);
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> danube.producers.createProducer(ProducerRequest.newBuilder()
                .setTopicName("/default/rel").setProducerName("unset").build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> danube.createProducer("/default/nonrel", "q", true));
        assertStatus(Status.Code.FAILED_PRECONDITION, () -> danube.createProducer("/default/rel", "p", false));
    }

    @Test
    @DisplayName("9: an unknown dispatch_strategy value attaches to an existing topic; it cannot create one")
    void unknownDispatchStrategyAttachesToExistingTopic() {
        danube.createProducer("/default/rel-any", "p", true);
        ProducerRequest unknownStrategy = ProducerRequest.newBuilder().setRequestId(4).setProducerName("q")
                .setTopicName("/default/rel-any").setDispatchStrategyValue(7).build();

        assertThat(danube.producers.createProducer(unknownStrategy).getProducerId()).isNotZero();
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.producers.createProducer(
                unknownStrategy.toBuilder().setTopicName("/default/rel-none").build()));
    }

    @Test
    @DisplayName("5: topic names accept every Unicode letter and number, including other numbers such as ²")
    void topicNamesAcceptUnicodeOtherNumbers() {
        for (String name : List.of("/default/power²", "/default/half½", "/default/circled①", "/default/romanⅧ",
                "/default/arabic٣")) {
            assertThat(danube.createProducer(name, "p", false)).as(name).isNotZero();
            assertThat(lookup(name, 1).getResponseType()).as(name).isEqualTo(TopicLookupResponse.LookupType.Connect);
            assertThat(danube.subscribe(name, "s", "c", SubscriptionType.Shared)).as(name).isNotZero();
        }
    }

    @Test
    @DisplayName("16: TopicPartitions: plain topic, partitioned base, unknown")
    void topicPartitionsForPlainPartitionedAndUnknown() {
        danube.createProducer("/default/plain", "p", false);
        for (int i = 0; i < 12; i++) {
            danube.createProducer("/default/parted-part-" + i, "p-" + i, false);
        }
        assertThat(danube.partitions("/default/plain")).containsExactly("/default/plain");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add("/default/parted-part-" + i);
        }
        assertThat(danube.partitions("/default/parted")).containsExactlyElementsOf(expected);
        assertThat(danube.partitions("/default/unknown")).isEmpty();
        assertStatus(Status.Code.ALREADY_EXISTS, () -> danube.createProducer("/default/parted", "p", false));
        assertStatus(Status.Code.ALREADY_EXISTS, () -> danube.createProducer("/default/plain-part-0", "p", false));
    }

    @Test
    @DisplayName("17: a 3-partition producer yields t-part-0..2 with producers name-0..2; round-robin hits all")
    void partitionedProducerRoundRobinHitsEveryPartition() {
        String base = "/default/orders";
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = danube.createProducer(base + "-part-" + i, "prod-" + i, false);
        }
        assertThat(danube.partitions(base)).containsExactly(base + "-part-0", base + "-part-1", base + "-part-2");
        Receiver[] receivers = new Receiver[3];
        for (int i = 0; i < 3; i++) {
            receivers[i] = danube.receive(danube.subscribe(base + "-part-" + i, "s", "c", SubscriptionType.Exclusive));
        }
        for (int n = 0; n < 9; n++) {
            int partition = n % 3;
            danube.send(BrokerFixture.message(ids[partition], base + "-part-" + partition, "prod-" + partition, n, "m" + n));
        }
        for (int i = 0; i < 3; i++) {
            List<StreamMessage> got = receivers[i].take(3, Duration.ofSeconds(5));
            int partition = i;
            assertThat(got).allSatisfy(m -> {
                assertThat(m.getMsgId().getTopicName()).isEqualTo(base + "-part-" + partition);
                assertThat(m.getProducerName()).isEqualTo("prod-" + partition);
            });
        }
    }

    @Test
    @DisplayName("18: send_with_key routing: FNV-1a-64(key) mod n picks the partition, the same key always the same")
    void keyRoutingIsStableFnv1a() {
        assertThat(fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        String base = "/default/keyed";
        int n = 4;
        long[] ids = new long[n];
        Receiver[] receivers = new Receiver[n];
        for (int i = 0; i < n; i++) {
            ids[i] = danube.createProducer(base + "-part-" + i, "prod-" + i, false);
            receivers[i] = danube.receive(danube.subscribe(base + "-part-" + i, "s", "c", SubscriptionType.Exclusive));
        }
        List<String> keys = List.of("alpha", "beta", "gamma", "delta", "alpha", "beta", "gamma", "delta");
        for (String key : keys) {
            int partition = (int) Long.remainderUnsigned(fnv1a64(key), n);
            danube.send(BrokerFixture.message(ids[partition], base + "-part-" + partition, "prod-" + partition, 1, key)
                    .toBuilder().setRoutingKey(key).build());
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            int partition = i;
            List<StreamMessage> got = new ArrayList<>();
            StreamMessage m;
            while ((m = receivers[i].poll(Duration.ofMillis(300))) != null) {
                got.add(m);
            }
            total += got.size();
            assertThat(got).allSatisfy(msg -> assertThat(Long.remainderUnsigned(fnv1a64(msg.getRoutingKey()), n))
                    .isEqualTo(partition));
        }
        assertThat(total).isEqualTo(keys.size());
    }

    private static long fnv1a64(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Test
    @DisplayName("19: Subscribe to a missing topic is NOT_FOUND and creates nothing")
    void subscribeToMissingTopicIsNotFound() {
        assertStatus(Status.Code.NOT_FOUND, () -> danube.consumers.subscribe(ConsumerRequest.newBuilder()
                .setTopicName("/default/ghost").setSubscription("s").setConsumerName("c").build()));
        assertStatus(Status.Code.NOT_FOUND, () -> lookup("/default/ghost", 1));
    }

    @Test
    @DisplayName("40: TopicPartitions matches exactly base-part-<digits>; an exact topic wins (decision b)")
    void topicPartitionsMatchesExactPartitionNames() {
        danube.createProducer("/ns1/foo-part-0", "p", false);
        danube.createProducer("/ns1/foo-part-1", "p", false);
        danube.createProducer("/ns1/foo-part-x", "p", false);
        danube.createProducer("/ns1/foobar", "p", false);
        assertThat(danube.partitions("/ns1/foo")).containsExactly("/ns1/foo-part-0", "/ns1/foo-part-1");
        danube.createProducer("/ns1/bar", "p", false);
        assertThat(danube.partitions("/ns1/bar")).containsExactly("/ns1/bar");
    }
}
