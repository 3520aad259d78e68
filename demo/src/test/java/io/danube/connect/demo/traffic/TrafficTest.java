package io.danube.connect.demo.traffic;

import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.demo.services.EmbeddedH2;
import io.danube.embedded.EmbeddedDanube;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The three counters of the demo against real services: local Mosquitto, an embedded broker, an H2 database. */
class TrafficTest {

    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void thePublisherSendsReadingsToTheMqttBrokerAndCountsTheAcknowledgedOnes() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        SensorReadings readings = new SensorReadings("sensors/traffic-test-" + runId, new Random());
        MqttClient subscriber = new MqttClient("tcp://127.0.0.1:1883", "traffic-sub-" + runId,
                new MemoryPersistence());
        subscriber.setCallback(new QueueingCallback(received));
        subscriber.connect();
        subscriber.subscribe(readings.filter(), 1);
        try (SensorPublisher publisher = SensorPublisher.connect("tcp://127.0.0.1:1883", "traffic-pub-" + runId,
                readings)) {
            publisher.start(50);

            await("ten readings received").atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 10);
            publisher.stop();
            long published = publisher.published();

            assertThat(published).isGreaterThanOrEqualTo(10);
            assertThat(publisher.failed()).isZero();
            await("every acknowledged reading received").atMost(Duration.ofSeconds(10))
                    .until(() -> received.size() >= published);
            assertThat(received).allSatisfy(json -> assertThat(json).startsWith("{\"device\":\"sensor-"));
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void theDanubeCounterCountsTheMessagesOfATopicCreatedAfterItStarted() {
        try (EmbeddedDanube broker = EmbeddedDanube.start();
             DanubeTopicCounter counter = DanubeTopicCounter.start(broker.serviceUrl(), "/default/counted",
                     "counter");
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
             Producer producer = client.newProducer().topic("/default/counted").name("writer").reliable().create()) {
            await("counter subscribed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        producer.send(OutgoingMessage.of("probe"));
                        return counter.count() > 0;
                    });
            long before = counter.count();
            for (int i = 0; i < 25; i++) {
                producer.send(OutgoingMessage.of("m" + i));
            }

            await("25 more counted").atMost(Duration.ofSeconds(20)).until(() -> counter.count() >= before + 25);
            assertThat(counter.count()).isGreaterThanOrEqualTo(before + 25);
        }
    }

    @Test
    void theRowCounterReadsZeroBeforeTheTableExistsAndThenItsRows() throws Exception {
        try (EmbeddedH2 database = EmbeddedH2.start("rows_" + runId)) {
            TableRowCounter rows = new TableRowCounter(database, "demo_readings");
            assertThat(rows.count()).isZero();

            try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE demo_readings (seq BIGINT)");
                sql.execute("INSERT INTO demo_readings VALUES (1), (2), (3)");
            }

            assertThat(rows.count()).isEqualTo(3);
        }
    }
}
