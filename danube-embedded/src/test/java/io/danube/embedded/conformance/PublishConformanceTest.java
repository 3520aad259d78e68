package io.danube.embedded.conformance;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.MsgID;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.danube.embedded.conformance.StatusAssertions.assertStatus;
import static io.danube.embedded.support.BrokerFixture.message;
import static io.danube.embedded.support.BrokerFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

class PublishConformanceTest {

    private final BrokerFixture danube = BrokerFixture.start();

    @AfterEach
    void stop() {
        danube.close();
    }

    @Test
    @DisplayName("10: SendMessage with an unknown producer_id is NOT_FOUND, without msg_id INVALID_ARGUMENT")
    void sendWithUnknownProducerOrWithoutMsgId() {
        long producer = danube.createProducer("/default/send", "p", false);
        assertStatus(Status.Code.NOT_FOUND, () -> danube.send(message(producer + 1, "/default/send", "p", 1, "x")));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> danube.send(message(producer, "/default/send", "p", 1, "x")
                .toBuilder().clearMsgId().build()));
        long other = danube.createProducer("/default/other", "p", false);
        assertStatus(Status.Code.PERMISSION_DENIED, () -> danube.send(message(other, "/default/send", "p", 1, "x")));
        assertStatus(Status.Code.PERMISSION_DENIED, () -> danube.send(message(other, "/default/missing", "p", 1, "x")));
    }

    @Test
    @DisplayName("12: delivery preserves every field the producer set; subscription_name stays empty")
    void deliveredMessagePreservesFields() {
        long producer = danube.createProducer("/default/fields", "prod", false);
        Receiver receiver = danube.receive(danube.subscribe("/default/fields", "sub", "c", SubscriptionType.Exclusive));
        StreamMessage sent = message(producer, "/default/fields", "prod", 77, "payload").toBuilder()
                .setPublishTime(1_700_000_000_123L)
                .putAttributes("k1", "v1")
                .putAttributes("k2", "v2")
                .setSchemaId(5)
                .setSchemaVersion(2)
                .setRoutingKey("rk")
                .build();
        danube.send(sent);
        StreamMessage got = receiver.take(1, Duration.ofSeconds(5)).get(0);
        assertThat(got).isEqualTo(sent);
        assertThat(got.getSubscriptionName()).isEmpty();
    }

    @Test
    @DisplayName("13: non-reliable: nothing sent before Subscribe is delivered; topic_offset is the producer's value")
    void nonReliableDropsEarlyMessagesAndPassesOffsetThrough() {
        long producer = danube.createProducer("/default/nr", "p", false);
        danube.send(message(producer, "/default/nr", "p", 1, "before"));
        Receiver receiver = danube.receive(danube.subscribe("/default/nr", "s", "c", SubscriptionType.Exclusive));
        danube.send(message(producer, "/default/nr", "p", 2, "after"));
        StreamMessage withOffset = message(producer, "/default/nr", "p", 3, "offset");
        withOffset = withOffset.toBuilder().setMsgId(withOffset.getMsgId().toBuilder().setTopicOffset(99)).build();
        danube.send(withOffset);
        List<StreamMessage> got = receiver.take(2, Duration.ofSeconds(5));
        assertThat(got).extracting(BrokerFixture::text).containsExactly("after", "offset");
        assertThat(got.get(0).getMsgId().getTopicOffset()).isZero();
        assertThat(got.get(1).getMsgId().getTopicOffset()).isEqualTo(99);
        assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    @DisplayName("14: reliable: topic_offset is 0,1,2,... per topic in publish order")
    void reliableOffsetsAreDenseFromZero() {
        long producer = danube.createProducer("/default/rel-offsets", "p", true);
        long other = danube.createProducer("/default/rel-offsets", "q", true);
        Receiver receiver = danube.receive(danube.subscribe("/default/rel-offsets", "s", "c", SubscriptionType.Exclusive));
        for (int i = 0; i < 6; i++) {
            long id = i % 2 == 0 ? producer : other;
            danube.send(message(id, "/default/rel-offsets", i % 2 == 0 ? "p" : "q", i, "m" + i));
        }
        List<StreamMessage> got = receiver.take(6, Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            assertThat(got.get(i).getMsgId().getTopicOffset()).isEqualTo(i);
            assertThat(text(got.get(i))).isEqualTo("m" + i);
            assertThat(got.get(i).getMsgId()).isEqualTo(MsgID.newBuilder().setProducerId(i % 2 == 0 ? producer : other)
                    .setTopicName("/default/rel-offsets").setBrokerAddr("http://127.0.0.1:6650").setTopicOffset(i).build());
            danube.ack(got.get(i), "s");
        }
    }

    @Test
    @DisplayName("15: reliable: a new subscription receives only messages published after its Subscribe")
    void newReliableSubscriptionStartsAtTail() {
        long producer = danube.createProducer("/default/rel-tail", "p", true);
        danube.sendAll(producer, "/default/rel-tail", "p", "early", 3);
        Receiver receiver = danube.receive(danube.subscribe("/default/rel-tail", "s", "c", SubscriptionType.Exclusive));
        danube.sendAll(producer, "/default/rel-tail", "p", "late", 2);
        List<StreamMessage> got = receiver.take(2, Duration.ofSeconds(5));
        assertThat(got).extracting(BrokerFixture::text).containsExactly("late0", "late1");
        assertThat(got.get(0).getMsgId().getTopicOffset()).isEqualTo(3);
        assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
    }
}
