package io.danube.embedded;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.danube.embedded.support.BrokerFixture.message;
import static io.danube.embedded.support.BrokerFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

class PoisonPolicyTest {

    private static FailurePolicy quick(FailurePolicy.PoisonPolicy poison) {
        return FailurePolicy.defaults()
                .withMaxRedeliveryCount(1)
                .withAckTimeout(Duration.ofMillis(100))
                .withBackoff(FailurePolicy.Backoff.FIXED)
                .withRedeliveryDelays(Duration.ofMillis(20), Duration.ofMillis(20))
                .withPoisonPolicy(poison);
    }

    private final BrokerFixture danube = BrokerFixture.start(BrokerFixture.fastConfig()
            .subscriptionFailurePolicy("drop", quick(FailurePolicy.PoisonPolicy.DROP))
            .subscriptionFailurePolicy("dead", quick(FailurePolicy.PoisonPolicy.DEAD_LETTER))
            .build());

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    void dropSkipsThePoisonedMessageAndMovesOn() {
        long producer = danube.createProducer("/default/drop", "p", true);
        Receiver receiver = danube.receive(danube.subscribe("/default/drop", "drop", "c", SubscriptionType.Exclusive));
        danube.send(message(producer, "/default/drop", "p", 1, "bad"));
        StreamMessage first = receiver.take(1, Duration.ofSeconds(5)).get(0);
        danube.nack(first, "drop", null);
        StreamMessage second = receiver.take(1, Duration.ofSeconds(5)).get(0);
        assertThat(second.getMsgId()).isEqualTo(first.getMsgId());
        danube.nack(second, "drop", null);
        danube.send(message(producer, "/default/drop", "p", 2, "good"));
        StreamMessage next = receiver.take(1, Duration.ofSeconds(5)).get(0);
        assertThat(text(next)).isEqualTo("good");
        danube.ack(next, "drop");
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void deadLetterRepublishesWithOriginAttributes() {
        long producer = danube.createProducer("/default/orders", "p", true);
        danube.createProducer("/default/orders-dlq", "dlq-watch", true);
        Receiver dlq = danube.receive(danube.subscribe("/default/orders-dlq", "audit", "a", SubscriptionType.Exclusive));
        Receiver receiver = danube.receive(danube.subscribe("/default/orders", "dead", "c", SubscriptionType.Exclusive));
        danube.send(message(producer, "/default/orders", "p", 5, "poison").toBuilder().putAttributes("own", "kept").build());
        StreamMessage delivered = receiver.take(2, Duration.ofSeconds(5)).get(1);

        StreamMessage letter = dlq.take(1, Duration.ofSeconds(5)).get(0);
        assertThat(text(letter)).isEqualTo("poison");
        assertThat(letter.getMsgId().getTopicName()).isEqualTo("/default/orders-dlq");
        assertThat(letter.getAttributesMap())
                .containsEntry("own", "kept")
                .containsEntry("x-original-topic", "/default/orders")
                .containsEntry("x-original-subscription", "dead")
                .containsEntry("x-original-topic-offset", "0")
                .containsEntry("x-original-producer-id", Long.toUnsignedString(producer))
                .containsEntry("x-original-broker-addr", delivered.getMsgId().getBrokerAddr())
                .containsEntry("x-poison-policy", "dead_letter")
                .containsEntry("x-delivery-attempt", "2")
                .containsEntry("x-failure-reason", "ack timeout");
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
    }
}
