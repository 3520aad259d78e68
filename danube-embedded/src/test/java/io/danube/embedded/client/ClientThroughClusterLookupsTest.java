package io.danube.embedded.client;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.SubscriptionType;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.embedded.EmbeddedDanube;
import io.danube.embedded.support.BrokerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** danube-client retries through the "redo the lookup" UNAVAILABLE a clustered broker answers on a new topic. */
class ClientThroughClusterLookupsTest {

    private EmbeddedDanube broker;
    private DanubeClient client;

    @BeforeEach
    void start() {
        broker = EmbeddedDanube.builder().config(BrokerFixture.fastConfig().clusterLookups(true).build()).start();
        client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        broker.close();
    }

    @Test
    void producerAndConsumerOfANewTopicGetThroughTheLookupRetry() {
        Producer producer = client.newProducer().topic("/default/assigned").name("writer")
                .dispatchMode(DispatchMode.RELIABLE).create();
        Consumer consumer = client.newConsumer().topic("/default/assigned").consumerName("reader")
                .subscription("all").subscriptionType(SubscriptionType.EXCLUSIVE).subscribe();

        for (int i = 0; i < 5; i++) {
            producer.send(("m" + i).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(receive(consumer, 5)).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void partitionedProducerGetsEveryPartitionThroughTheLookupRetry() {
        Producer producer = client.newProducer().topic("/default/spread").name("writer").partitions(3).create();
        Consumer consumer = client.newConsumer().topic("/default/spread").consumerName("reader")
                .subscription("all").subscriptionType(SubscriptionType.SHARED).subscribe();

        for (int i = 0; i < 9; i++) {
            producer.send(("m" + i).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(consumer.partitionTopics()).hasSize(3);
        assertThat(receive(consumer, 9)).extracting(ReceivedMessage::topic).containsOnly(
                "/default/spread-part-0", "/default/spread-part-1", "/default/spread-part-2");
    }

    private static List<ReceivedMessage> receive(Consumer consumer, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Optional<ReceivedMessage> next = consumer.receive(Duration.ofMillis(50));
            next.ifPresent(received::add);
            return received.size() >= count;
        });
        return received;
    }
}
