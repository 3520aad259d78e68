package io.danube.embedded;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.HealthCheckRequest.ClientType;
import io.danube.proto.HealthCheckResponse.ClientStatus;
import io.danube.proto.ReceiveRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.danube.embedded.support.BrokerFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class NonReliableLifecycleTest {

    private final BrokerFixture danube = BrokerFixture.start();

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    void fullConsumerQueueDropsAndTheQueueSurvivesUntilAStreamOpens() {
        long producer = danube.createProducer("/default/queue", "p", false);
        long consumer = danube.subscribe("/default/queue", "s", "c", SubscriptionType.Exclusive);
        danube.sendAll(producer, "/default/queue", "p", "m", 10);
        Receiver receiver = danube.receive(consumer);
        assertThat(receiver.take(4, Duration.ofSeconds(5))).extracting(BrokerFixture::text)
                .containsExactly("m0", "m1", "m2", "m3");
        assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void newStreamReplacesTheOldOneWhichEndsOk() {
        long producer = danube.createProducer("/default/streams", "p", false);
        long consumer = danube.subscribe("/default/streams", "s", "c", SubscriptionType.Exclusive);
        Receiver old = danube.receive(consumer);
        danube.send(message(producer, "/default/streams", "p", 1, "to old"));
        old.take(1, Duration.ofSeconds(5));
        Receiver replacement = danube.receive(consumer);
        await().atMost(Duration.ofSeconds(5)).until(() -> old.endStatus() != null);
        assertThat(old.endStatus().isOk()).isTrue();
        danube.send(message(producer, "/default/streams", "p", 2, "to new"));
        assertThat(replacement.take(1, Duration.ofSeconds(5))).extracting(BrokerFixture::text).containsExactly("to new");
    }

    @Test
    void idleSubscriptionIsReapedAndItsConsumersForgotten() {
        long producer = danube.createProducer("/default/idle", "p", false);
        long consumer = danube.subscribe("/default/idle", "s", "owner", SubscriptionType.Exclusive);
        Receiver receiver = danube.receive(consumer);
        danube.send(message(producer, "/default/idle", "p", 1, "x"));
        receiver.take(1, Duration.ofSeconds(5));
        receiver.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> danube.health(ClientType.Consumer, consumer) == ClientStatus.CLOSE);
        danube.send(message(producer, "/default/idle", "p", 2, "nobody listens"));
        long newcomer = await().atMost(Duration.ofSeconds(5)).ignoreException(StatusRuntimeException.class)
                .until(() -> danube.subscribe("/default/idle", "s", "newcomer", SubscriptionType.Exclusive), id -> id != 0);
        assertThatThrownBy(() ->
                danube.consumers.receiveMessages(ReceiveRequest.newBuilder().setConsumerId(consumer).build()).hasNext())
                .isInstanceOf(StatusRuntimeException.class)
                .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(newcomer).isNotEqualTo(consumer);
    }
}
