package io.danube.embedded.client;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.SubscriptionType;
import io.danube.client.error.SchemaResolutionException;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.KeyRouter;
import io.danube.client.producer.Producer;
import io.danube.client.schema.SchemaReference;
import io.danube.client.schema.SchemaType;
import io.danube.embedded.EmbeddedDanube;
import io.danube.embedded.support.BrokerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** danube-client against the embedded broker over real gRPC on loopback. */
class ClientAgainstEmbeddedBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private EmbeddedDanube broker;
    private DanubeClient client;

    @BeforeEach
    void start() {
        broker = EmbeddedDanube.builder().config(BrokerFixture.fastConfig().build()).start();
        client = newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    private DanubeClient newClient() {
        return DanubeClient.builder()
                .serviceUrl(broker.serviceUrl())
                .healthCheckInterval(Duration.ofMillis(200))
                .build();
    }

    @Test
    void partitionedProducerSpreadsUnkeyedSendsOverEveryPartitionAndTheConsumerMergesThem() {
        Producer producer = client.newProducer().topic("/default/orders").name("writer").partitions(3).create();
        Consumer consumer = subscribe("/default/orders", "reader", "all", SubscriptionType.EXCLUSIVE);

        for (int i = 0; i < 30; i++) {
            producer.send(("order-" + i).getBytes(StandardCharsets.UTF_8));
        }

        List<ReceivedMessage> received = receive(consumer, 30);
        assertThat(consumer.partitionTopics())
                .containsExactly("/default/orders-part-0", "/default/orders-part-1", "/default/orders-part-2");
        Map<String, Integer> perPartition = new HashMap<>();
        received.forEach(m -> perPartition.merge(m.topic(), 1, Integer::sum));
        assertThat(perPartition).containsOnly(
                Map.entry("/default/orders-part-0", 10),
                Map.entry("/default/orders-part-1", 10),
                Map.entry("/default/orders-part-2", 10));
        assertThat(received).extracting(ReceivedMessage::producerName).containsOnly("writer-0", "writer-1", "writer-2");
    }

    @Test
    void keyedSendsLandOnThePartitionTheFnvRoutingNamesAndKeepTheirKey() {
        Producer producer = client.newProducer().topic("/default/devices").name("writer").partitions(4).create();
        Consumer consumer = subscribe("/default/devices", "reader", "all", SubscriptionType.EXCLUSIVE);
        List<String> keys = List.of("sensor-1", "sensor-2", "sensor-3", "sensor-4", "sensor-5", "sensor-6");

        for (String key : keys) {
            for (int i = 0; i < 3; i++) {
                producer.send(OutgoingMessage.builder(new byte[] {(byte) i}).key(key).build());
            }
        }

        for (ReceivedMessage message : receive(consumer, keys.size() * 3)) {
            String key = message.routingKey().orElseThrow();
            assertThat(message.topic()).isEqualTo("/default/devices-part-" + KeyRouter.partitionFor(key, 4));
        }
    }

    @Test
    void reliableMessagesLeftUnackedByACrashedConsumerAreRedeliveredToItsSuccessor() {
        Producer producer = reliableProducer("/default/payments");
        DanubeClient crashing = newClient();
        Consumer first = crashing.newConsumer().topic("/default/payments").consumerName("worker")
                .subscription("billing").subscriptionType(SubscriptionType.EXCLUSIVE).subscribe();
        for (int i = 0; i < 5; i++) {
            producer.send(("payment-" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<ReceivedMessage> seenBeforeCrash = receive(first, 5);
        first.ack(seenBeforeCrash.get(0)).join();
        crashing.close();

        Consumer successor = subscribe("/default/payments", "worker", "billing", SubscriptionType.EXCLUSIVE);

        List<ReceivedMessage> redelivered = receive(successor, 4);
        assertThat(redelivered).extracting(m -> m.id().offset()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(redelivered).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("payment-1", "payment-2", "payment-3", "payment-4");
    }

    @Test
    void sharedSubscriptionSplitsMessagesExactlyEvenlyRoundRobin() {
        Producer producer = reliableProducer("/default/jobs");
        List<Consumer> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(subscribe("/default/jobs", "worker-" + i, "pool", SubscriptionType.SHARED));
        }
        Map<String, Set<Long>> perWorker = new ConcurrentHashMap<>();

        for (int i = 0; i < 30; i++) {
            producer.send(new byte[] {(byte) i});
        }

        await().atMost(WAIT).untilAsserted(() -> {
            for (Consumer worker : workers) {
                worker.receive(Duration.ofMillis(20)).ifPresent(m -> {
                    perWorker.computeIfAbsent(worker.name(), k -> ConcurrentHashMap.newKeySet()).add(m.id().offset());
                    worker.ack(m);
                });
            }
            assertThat(perWorker.values().stream().mapToInt(Set::size).sum()).isEqualTo(30);
        });
        assertThat(perWorker.values()).allSatisfy(offsets -> assertThat(offsets).hasSize(10));
        Set<Long> all = new HashSet<>();
        perWorker.values().forEach(all::addAll);
        assertThat(all).hasSize(30);
    }

    @Test
    void failoverPromotesTheStandbyWhenTheActiveConsumerGoesAway() {
        Producer producer = reliableProducer("/default/ledger");
        DanubeClient activeClient = newClient();
        Consumer active = activeClient.newConsumer().topic("/default/ledger").consumerName("primary")
                .subscription("ledger").subscriptionType(SubscriptionType.FAILOVER).subscribe();
        Consumer standby = subscribe("/default/ledger", "standby", "ledger", SubscriptionType.FAILOVER);

        producer.send("before".getBytes(StandardCharsets.UTF_8));
        ReceivedMessage first = receive(active, 1).get(0);
        active.ack(first).join();
        assertThat(standby.receive(Duration.ofMillis(300))).isEmpty();

        activeClient.close();
        producer.send("after".getBytes(StandardCharsets.UTF_8));

        ReceivedMessage promoted = receive(standby, 1).get(0);
        assertThat(new String(promoted.payload(), StandardCharsets.UTF_8)).isEqualTo("after");
    }

    @Test
    void keySharedKeepsEveryKeyOnOneConsumerInOrder() {
        Producer producer = reliableProducer("/default/telemetry");
        List<Consumer> consumers = List.of(
                subscribe("/default/telemetry", "a", "telemetry", SubscriptionType.KEY_SHARED),
                subscribe("/default/telemetry", "b", "telemetry", SubscriptionType.KEY_SHARED),
                subscribe("/default/telemetry", "c", "telemetry", SubscriptionType.KEY_SHARED));
        List<String> keys = List.of("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8");

        for (int round = 0; round < 5; round++) {
            for (String key : keys) {
                producer.send(OutgoingMessage.builder(new byte[] {(byte) round}).key(key).build());
            }
        }

        Map<String, String> ownerOfKey = new ConcurrentHashMap<>();
        Map<String, List<Integer>> sequenceOfKey = new ConcurrentHashMap<>();
        await().atMost(WAIT).untilAsserted(() -> {
            for (Consumer consumer : consumers) {
                consumer.receive(Duration.ofMillis(20)).ifPresent(m -> {
                    String key = m.routingKey().orElseThrow();
                    assertThat(ownerOfKey.putIfAbsent(key, consumer.name())).isIn(null, consumer.name());
                    sequenceOfKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add((int) m.payload()[0]);
                    consumer.ack(m);
                });
            }
            assertThat(sequenceOfKey.values().stream().mapToInt(List::size).sum()).isEqualTo(keys.size() * 5);
        });
        assertThat(sequenceOfKey.values()).allSatisfy(seq -> assertThat(seq).containsExactly(0, 1, 2, 3, 4));
    }

    @Test
    void producerPinnedToAnOlderSchemaVersionStampsThatVersionAndLatestStampsTheNewest() {
        String v1 = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}";
        String v2 = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"note\":{\"type\":\"string\"}}}";
        long schemaId = client.schemaRegistry().register("readings", SchemaType.JSON_SCHEMA, v1).schemaId();
        client.schemaRegistry().register("readings", SchemaType.JSON_SCHEMA, v2);
        Producer pinned = client.newProducer().topic("/default/readings").name("pinned")
                .schema(SchemaReference.pinned("readings", 1)).create();
        Producer latest = client.newProducer().topic("/default/readings").name("latest")
                .schema(SchemaReference.latest("readings")).create();
        Consumer consumer = subscribe("/default/readings", "reader", "readings", SubscriptionType.EXCLUSIVE);

        pinned.send("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        latest.send("{\"id\":2,\"note\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        Map<String, ReceivedMessage> byProducer = new HashMap<>();
        receive(consumer, 2).forEach(m -> byProducer.put(m.producerName(), m));
        assertThat(byProducer.get("pinned").schemaId()).hasValue(schemaId);
        assertThat(byProducer.get("pinned").schemaVersion()).hasValue(1);
        assertThat(byProducer.get("latest").schemaId()).hasValue(schemaId);
        assertThat(byProducer.get("latest").schemaVersion()).hasValue(2);
    }

    @Test
    void producerAskingForAMinimumVersionAboveTheLatestFailsToCreate() {
        client.schemaRegistry().register("metrics", SchemaType.STRING, "");

        assertThatThrownBy(() -> client.newProducer().topic("/default/metrics").name("p")
                .schema(SchemaReference.minimum("metrics", 2)).create())
                .isInstanceOf(SchemaResolutionException.class)
                .hasMessageContaining("metrics");
    }

    private Producer reliableProducer(String topic) {
        return client.newProducer().topic(topic).name("writer").dispatchMode(DispatchMode.RELIABLE).create();
    }

    private Consumer subscribe(String topic, String name, String subscription, SubscriptionType type) {
        return client.newConsumer().topic(topic).consumerName(name).subscription(subscription)
                .subscriptionType(type).subscribe();
    }

    private static List<ReceivedMessage> receive(Consumer consumer, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            Optional<ReceivedMessage> next = consumer.receive(Duration.ofMillis(50));
            next.ifPresent(received::add);
            return received.size() >= count;
        });
        return received;
    }
}
