package io.danube.client;

import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.ConsumerState;
import io.danube.client.error.ClientClosedException;
import io.danube.client.fake.FakeBroker;
import io.danube.client.producer.Producer;
import io.danube.client.producer.SendReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ClientCloseTest {

    private FakeBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void closeDrainsInFlightSendsBeforeShuttingChannelsDown() {
        DanubeClient client = broker.client();
        Producer producer = client.newProducer().topic("/default/t").name("w").maxInFlight(8).create();
        broker.producers.holdResponses();
        List<CompletableFuture<SendReceipt>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(producer.sendAsync(("m" + i).getBytes()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.producers.heldCount() == 8);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);
        await().atMost(Duration.ofSeconds(5)).until(client::isClosed);
        broker.producers.releaseHeld();
        closing.join();

        assertThat(results).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(broker.producers.received).hasSize(8);
    }

    @Test
    void closeEndsConsumersAndRejectsNewWork() {
        DanubeClient client = broker.client();
        Consumer consumer = client.newConsumer().topic("/default/t").consumerName("r").subscription("s").subscribe();
        Producer producer = client.newProducer().topic("/default/t").name("w").create();

        client.close();

        assertThat(consumer.state()).isEqualTo(ConsumerState.CLOSED);
        assertThatThrownBy(() -> producer.send("x".getBytes())).isInstanceOf(ClientClosedException.class);
        assertThatThrownBy(client::newProducer).isInstanceOf(ClientClosedException.class);
        assertThat(client.openChannels()).isZero();
    }

    @Test
    void closeIsBoundedWhenTheBrokerNeverAnswers() {
        DanubeClient client = broker.clientBuilder().closeTimeout(Duration.ofMillis(200)).build();
        Producer producer = client.newProducer().topic("/default/t").name("w").create();
        broker.producers.stall();
        CompletableFuture<SendReceipt> pending = producer.sendAsync("x".getBytes());
        long start = System.nanoTime();

        client.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(3)).until(pending::isDone);
        assertThatThrownBy(pending::join).hasCauseInstanceOf(ClientClosedException.class);
    }
}
