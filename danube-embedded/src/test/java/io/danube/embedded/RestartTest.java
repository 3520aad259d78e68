package io.danube.embedded;

import io.danube.embedded.support.BrokerFixture;
import io.danube.embedded.support.Receiver;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;

import static io.danube.embedded.support.BrokerFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

class RestartTest {

    private static final String TOPIC = "/default/durable";
    private static final int MESSAGES = 10_000;
    private static final int ACKED_BEFORE_STOP = 4_000;
    private static final int WINDOW = 10;

    @TempDir
    Path dataDirectory;

    private static String payload(int i) {
        return "message-" + i + "-" + Integer.toHexString(i * 0x9E3779B1).repeat(1 + i % 7);
    }

    private static int checkedIndex(StreamMessage m) {
        String text = BrokerFixture.text(m);
        int index = Integer.parseInt(text.substring("message-".length(), text.indexOf('-', "message-".length())));
        assertThat(text).as("payload of offset %d", m.getMsgId().getTopicOffset()).isEqualTo(payload(index));
        assertThat(m.getRequestId()).isEqualTo(index + 1);
        return index;
    }

    /** Checks the payload and that an offset always carries the same message; returns the offset. */
    private static int checkedOffset(StreamMessage m, Map<Long, Integer> indexByOffset) {
        int index = checkedIndex(m);
        Integer before = indexByOffset.putIfAbsent(m.getMsgId().getTopicOffset(), index);
        assertThat(before == null ? index : before).as("message at offset %d", m.getMsgId().getTopicOffset())
                .isEqualTo(index);
        return Math.toIntExact(m.getMsgId().getTopicOffset());
    }

    private static List<StreamMessage> batch(long producerId, int from, int to) {
        List<StreamMessage> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(message(producerId, TOPIC, "writer", i + 1, payload(i)));
        }
        return out;
    }

    @Test
    void reliableTopicSurvivesRestartMidConsumption() {
        BitSet delivered = new BitSet(MESSAGES);
        Map<Long, Integer> indexByOffset = new HashMap<>();
        long producerId;
        long consumerId;
        try (BrokerFixture first = BrokerFixture.start(BrokerFixture.fastConfig().build(), dataDirectory)) {
            producerId = first.createProducer(TOPIC, "writer", true);
            consumerId = first.subscribe(TOPIC, "sub", "reader", SubscriptionType.Exclusive);
            Receiver receiver = first.receive(consumerId);
            first.sendPipelined(batch(producerId, 0, MESSAGES));
            for (int i = 0; i < ACKED_BEFORE_STOP; i++) {
                StreamMessage m = receiver.take(1, Duration.ofSeconds(10)).get(0);
                assertThat(checkedOffset(m, indexByOffset)).as("in-order delivery").isEqualTo(i);
                delivered.set(checkedIndex(m));
                first.ackAsync(m, "sub");
            }
            // a full window beyond the acked prefix proves every ack above was processed
            List<StreamMessage> unacked = receiver.take(WINDOW, Duration.ofSeconds(10));
            unacked.forEach(m -> delivered.set(checkedIndex(m)));
            assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
        }

        try (BrokerFixture second = BrokerFixture.start(BrokerFixture.fastConfig().build(), dataDirectory)) {
            assertThat(second.createProducer(TOPIC, "writer", true)).as("producer id survives").isEqualTo(producerId);
            assertThat(second.subscribe(TOPIC, "sub", "reader", SubscriptionType.Exclusive))
                    .as("consumer id survives").isEqualTo(consumerId);
            Receiver receiver = second.receive(consumerId);
            int lowest = Integer.MAX_VALUE;
            for (int received = 0; received < MESSAGES - ACKED_BEFORE_STOP; received++) {
                StreamMessage m = receiver.take(1, Duration.ofSeconds(10)).get(0);
                lowest = Math.min(lowest, checkedOffset(m, indexByOffset));
                delivered.set(checkedIndex(m));
                second.ackAsync(m, "sub");
            }
            assertThat(lowest).as("the acked prefix is not redelivered").isEqualTo(ACKED_BEFORE_STOP);
            assertThat(delivered.cardinality()).isEqualTo(MESSAGES);
            assertThat(indexByOffset).hasSize(MESSAGES);

            second.send(message(producerId, TOPIC, "writer", MESSAGES + 1, payload(MESSAGES)));
            StreamMessage next = receiver.take(1, Duration.ofSeconds(5)).get(0);
            assertThat(checkedIndex(next)).isEqualTo(MESSAGES);
            assertThat(next.getMsgId().getTopicOffset()).isEqualTo(MESSAGES);
        }
    }

    @Test
    void keySharedSubscriptionKeepsUnackedAndNewMessagesUntilItsConsumerReturns() {
        long producerId;
        long consumerId;
        try (BrokerFixture first = BrokerFixture.start(BrokerFixture.fastConfig().build(), dataDirectory)) {
            producerId = first.createProducer(TOPIC, "writer", true);
            consumerId = first.subscribe(TOPIC, "sub", "reader", SubscriptionType.KeyShared);
            Receiver receiver = first.receive(consumerId);
            first.send(message(producerId, TOPIC, "writer", 1, payload(0)).toBuilder().setRoutingKey("k").build());
            assertThat(checkedIndex(receiver.take(1, Duration.ofSeconds(5)).get(0))).isZero();
        }
        try (BrokerFixture second = BrokerFixture.start(BrokerFixture.fastConfig().build(), dataDirectory)) {
            second.send(message(producerId, TOPIC, "writer", 2, payload(1)).toBuilder().setRoutingKey("k").build());
            assertThat(second.subscribe(TOPIC, "sub", "reader", SubscriptionType.KeyShared)).isEqualTo(consumerId);
            Receiver receiver = second.receive(consumerId);
            StreamMessage redelivered = receiver.take(1, Duration.ofSeconds(5)).get(0);
            assertThat(checkedIndex(redelivered)).isZero();
            second.ack(redelivered, "sub");
            assertThat(checkedIndex(receiver.take(1, Duration.ofSeconds(5)).get(0))).isEqualTo(1);
        }
    }

    @Test
    void restartsOnTheSamePort() {
        int port;
        try (EmbeddedDanube first = EmbeddedDanube.builder().dataDirectory(dataDirectory).start()) {
            port = first.port();
        }
        try (EmbeddedDanube second = EmbeddedDanube.builder().port(port).dataDirectory(dataDirectory).start()) {
            assertThat(second.port()).isEqualTo(port);
            assertThat(second.serviceUrl()).isEqualTo("http://127.0.0.1:" + port);
        }
    }

    @Test
    void damagedLogTailIsTruncatedOnRestart() throws IOException {
        long producerId;
        long consumerId;
        try (BrokerFixture first = BrokerFixture.start(BrokerFixture.fastConfig().build(), dataDirectory)) {
            producerId = first.createProducer(TOPIC, "writer", true);
            consumerId = first.subscribe(TOPIC, "sub", "reader", SubscriptionType.Exclusive);
            for (int i = 0; i < 5; i++) {
                first.send(message(producerId, TOPIC, "writer", i + 1, payload(i)));
            }
        }
        Path log;
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            log = files.filter(p -> p.getFileName().toString().equals("messages.log")).findFirst().orElseThrow();
        }
        Files.write(log, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 9, 9}, StandardOpenOption.APPEND);

        try (BrokerFixture second = BrokerFixture.start(BrokerFixture.fastConfig().build(), dataDirectory)) {
            assertThat(second.subscribe(TOPIC, "sub", "reader", SubscriptionType.Exclusive)).isEqualTo(consumerId);
            Receiver receiver = second.receive(consumerId);
            List<StreamMessage> replay = receiver.take(5, Duration.ofSeconds(5));
            assertThat(replay).extracting(RestartTest::checkedIndex).containsExactly(0, 1, 2, 3, 4);
            assertThat(replay).extracting(m -> m.getMsgId().getTopicOffset()).containsExactly(0L, 1L, 2L, 3L, 4L);
            second.send(message(producerId, TOPIC, "writer", 6, payload(5)));
            assertThat(checkedIndex(receiver.take(1, Duration.ofSeconds(5)).get(0))).isEqualTo(5);
        }
    }
}
