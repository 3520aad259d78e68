package io.danube.connect.mqtt;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.source.SourceRuntime;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source heals itself: a Danube outage longer than the old stall, Mosquitto restarted several times in a row and
 * a message Danube can never take, each with its own Mosquitto (persistent store) and its own Danube broker.
 */
class MqttFaultRecoveryTest extends MqttTestSupport {

    @TempDir
    Path dir;
    private EmbeddedDanube danube;
    private MosquittoBroker mosquitto;
    private SourceRuntime runtime;

    @AfterEach
    void stopAll() {
        if (runtime != null) {
            runtime.stop();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (danube != null) {
            danube.stop();
        }
    }

    private void startAll(String clientId, String topic) throws Exception {
        danube = startDanube(0);
        mosquitto = MosquittoBroker.persistent(Files.createDirectory(dir.resolve("mosquitto")));
        runtime = startConnector(clientId, topic);
        awaitDistinct(topic, 0, Duration.ofSeconds(10));
    }

    private EmbeddedDanube startDanube(int port) {
        return EmbeddedDanube.builder().port(port).dataDirectory(dir.resolve("danube")).config(BrokerConfig.defaults())
                .start();
    }

    private SourceRuntime startConnector(String clientId, String topic) throws Exception {
        SourceRuntime started = startConnector(load(dir, """
                danube_service_url = "%s"
                connector_name = "%s"
                [retry]
                max_retries = 3
                retry_backoff_ms = 100
                max_backoff_ms = 1000
                [processing]
                metrics_port = 0
                metrics_host = "127.0.0.1"
                health_check_interval_ms = 200
                shutdown_timeout_ms = 10000
                [mqtt]
                url = "%s"
                client_id = "%s"
                reconnect_max_delay_secs = 2
                reconnect_watchdog_secs = 10
                [[mqtt.routes]]
                from = "%s/#"
                to = "%s"
                """.formatted(danube.serviceUrl(), clientId, mosquitto.tcpUrl(), clientId, clientId, topic)));
        awaitHealthy(started);
        return started;
    }

    private static void awaitHealthy(SourceRuntime runtime) {
        await("mqtt and danube healthy").atMost(Duration.ofSeconds(60)).until(() ->
                status(runtime, "mqtt") == HealthStatus.HEALTHY && status(runtime, "danube") == HealthStatus.HEALTHY);
    }

    private static HealthStatus status(SourceRuntime runtime, String component) {
        ComponentHealth health = runtime.health().snapshot().components().get(component);
        return health == null ? null : health.status();
    }

    /**
     * Reads {@code topic} on the test's own broker with a durable subscription, until {@code count} distinct; the
     * first call creates the subscription, so later calls see everything published after it.
     */
    private Set<String> awaitDistinct(String topic, int count, Duration within) {
        return new HashSet<>(awaitMessages(topic, count, within));
    }

    /** As {@link #awaitDistinct}, but every message read, copies included, in the order read. */
    private List<String> awaitMessages(String topic, int distinct, Duration within) {
        List<String> received = new ArrayList<>();
        await(distinct + " distinct messages").atMost(within).until(() -> {
            try (DanubeClient client = DanubeClient.builder().serviceUrl(danube.serviceUrl()).build();
                 Consumer reader = client.newConsumer().topic(topic).consumerName("fault-reader")
                         .subscription("fault-reader").subscribe()) {
                for (Optional<ReceivedMessage> next = reader.receive(Duration.ofMillis(500)); next.isPresent();
                     next = reader.receive(Duration.ofMillis(500))) {
                    received.add(new String(next.get().payload(), StandardCharsets.UTF_8));
                    reader.ack(next.get());
                }
            } catch (RuntimeException brokerNotReady) {
                return false;
            }
            return new HashSet<>(received).size() >= distinct;
        });
        return received;
    }

    private void publishRange(String clientId, int from, int to) throws Exception {
        MqttClient publisher = publisher(mosquitto.tcpUrl());
        for (int i = from; i < to; i++) {
            publish(publisher, clientId + "/d" + (i % 4), "m-" + i, 1);
        }
        publisher.disconnect();
    }

    @Test
    void aDanubeOutageOfTwentySecondsIsWaitedOutAndEveryMessageArrives() throws Exception {
        String clientId = unique("danube-outage");
        String topic = "/default/" + clientId;
        startAll(clientId, topic);
        publishRange(clientId, 0, 500);
        awaitDistinct(topic, 500, Duration.ofSeconds(30));
        int port = danube.port();

        danube.stop();
        publishRange(clientId, 500, 3_000);
        await("an outage of 20 s").pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21))
                .until(() -> status(runtime, "danube") == HealthStatus.DEGRADED);
        assertThat(status(runtime, "mqtt")).isEqualTo(HealthStatus.HEALTHY);
        danube = startDanube(port);

        assertThat(awaitDistinct(topic, 2_500, Duration.ofSeconds(120))).hasSize(2_500);
        awaitHealthy(runtime);
        assertThat(runtime.fatalError()).isNull();
    }

    @Test
    void fiveMosquittoRestartsInARowLoseNothing() throws Exception {
        String clientId = unique("mqtt-restarts");
        String topic = "/default/" + clientId;
        startAll(clientId, topic);

        for (int restart = 0; restart < 5; restart++) {
            publishRange(clientId, restart * 400, restart * 400 + 400);
            mosquitto.stop();
            mosquitto.start();
        }
        publishRange(clientId, 2_000, 2_400);

        assertThat(awaitDistinct(topic, 2_400, Duration.ofSeconds(120))).hasSize(2_400);
        awaitHealthy(runtime);
        assertThat(runtime.fatalError()).isNull();
        assertThat(runtime.metrics().scrape()).contains("mqtt_sessions_lost_total{connector=\"" + clientId
                                                        + "\"} 0.0");
    }

    @Test
    void messagesRedeliveredAfterAReconnectAreNotPublishedAgain() throws Exception {
        String clientId = unique("redelivered");
        String topic = "/default/" + clientId;
        startAll(clientId, topic);
        int port = danube.port();
        danube.stop();
        publishRange(clientId, 0, 300);
        await("messages waiting for Danube").atMost(Duration.ofSeconds(30))
                .until(() -> status(runtime, "danube") == HealthStatus.DEGRADED);

        mosquitto.stop();
        mosquitto.start();
        await("redeliveries joined").atMost(Duration.ofSeconds(60))
                .until(() -> counter(runtime, "mqtt_redeliveries_joined_total") > 0);
        danube = startDanube(port);

        List<String> received = new ArrayList<>(awaitMessages(topic, 300, Duration.ofSeconds(120)));
        await("every message acknowledged").atMost(Duration.ofSeconds(60))
                .until(() -> counter(runtime, "mqtt_acks_pending") == 0);
        received.addAll(awaitMessages(topic, 0, Duration.ofSeconds(10)));
        assertThat(received).hasSize(300).doesNotHaveDuplicates();
    }

    /** The value of a series of the connector's {@code /metrics} that has one line. */
    private static double counter(SourceRuntime runtime, String series) {
        return runtime.metrics().scrape().lines().filter(line -> line.startsWith(series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " not in /metrics"));
    }

    @Test
    void aMessageOverDanubesSizeLimitIsSettledAmongGoodOnesAndNotRedelivered() throws Exception {
        String clientId = unique("oversized");
        String topic = "/default/" + clientId;
        startAll(clientId, topic);
        MqttClient publisher = publisher(mosquitto.tcpUrl());

        for (int i = 0; i < 300; i++) {
            if (i == 150) {
                publisher.publish(clientId + "/big", new MqttMessage(new byte[5 * 1024 * 1024], 1, false, null));
            }
            publish(publisher, clientId + "/d" + (i % 4), "m-" + i, 1);
        }

        assertThat(awaitDistinct(topic, 300, Duration.ofSeconds(60))).hasSize(300);
        await("the big message dead-lettered").atMost(Duration.ofSeconds(30)).until(() -> runtime.metrics().scrape()
                .contains("connector_dlq_messages_total{connector=\"" + clientId + "\",topic=\"" + topic + "\"} 1.0"));
        assertThat(runtime.fatalError()).isNull();
        runtime.stop();
        runtime = startConnector(clientId, topic);
        publish(publisher, clientId + "/after", "after-restart", 1);
        assertThat(awaitDistinct(topic, 1, Duration.ofSeconds(30))).containsExactly("after-restart");
        assertThat(runtime.metrics().scrape()).doesNotContain("connector_dlq_messages_total");
    }
}
