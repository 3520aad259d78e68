package io.danube.embedded;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static io.danube.embedded.support.BrokerFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At-least-once under consumer churn: every message arrives although consumers drop and come back mid-stream. */
class ReliableChurnTest {

    private static final int MESSAGES = 2_000;

    private final BrokerFixture danube = BrokerFixture.start(BrokerFixture.fastConfig()
            .failurePolicy(FailurePolicy.defaults().withAckTimeout(Duration.ofSeconds(2))
                    .withRedeliveryDelays(Duration.ofMillis(50), Duration.ofMillis(200)))
            .build());

    @AfterEach
    void stop() {
        danube.close();
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionType.class, names = {"Exclusive", "Shared", "Failover", "KeyShared"})
    void everyMessageArrivesDespiteConsumerChurn(SubscriptionType type) {
        String topic = "/default/churn-" + type.name().toLowerCase();
        long producer = danube.createProducer(topic, "p", true);
        int consumerCount = type == SubscriptionType.Exclusive ? 1 : 3;
        long[] ids = new long[consumerCount];
        Receiver[] receivers = new Receiver[consumerCount];
        for (int i = 0; i < consumerCount; i++) {
            ids[i] = danube.subscribe(topic, "s", "c" + i, type);
            receivers[i] = danube.receive(ids[i]);
        }
        List<StreamMessage> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(message(producer, topic, "p", i, "m" + i).toBuilder().setRoutingKey("key-" + (i % 17)).build());
        }
        Thread publisher = new Thread(() -> danube.sendPipelined(batch));
        publisher.start();

        BitSet seen = new BitSet(MESSAGES);
        int[] delivered = new int[1];
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(() -> {
            for (int i = 0; i < consumerCount; i++) {
                for (StreamMessage m : receivers[i].drain()) {
                    seen.set(Integer.parseInt(BrokerFixture.text(m).substring(1)));
                    danube.ackAsync(m, "s");
                    if (++delivered[0] % 400 == 0) {
                        int victim = (delivered[0] / 400) % consumerCount;
                        receivers[victim].cancel();
                        assertThat(danube.subscribe(topic, "s", "c" + victim, type)).isEqualTo(ids[victim]);
                        receivers[victim] = danube.receive(ids[victim]);
                    }
                }
            }
            return seen.cardinality() == MESSAGES;
        });
        assertThat(seen.cardinality()).isEqualTo(MESSAGES);
    }
}
