package io.danube.connect.mqtt;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.launcher.ConnectLauncher;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector as operators run it (the launcher in a child JVM) killed with SIGKILL mid-stream of 10 000 QoS 1
 * messages (3 000 published before the kill, 3 000 while it is down, 4 000 after the restart with the same client
 * id): the persistent session and the acknowledgements sent only after Danube accepted each message mean every
 * message reaches Danube at least once.
 */
class MqttCrashRecoveryTest extends MqttTestSupport {

    private static final int MESSAGES = 10_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private MosquittoBroker mosquitto;
    private Process connector;

    @AfterEach
    void stopProcesses() {
        if (connector != null) {
            connector.destroyForcibly();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void killedAndRestartedConnectorDeliversEveryMessageAtLeastOnce() throws Exception {
        mosquitto = MosquittoBroker.plain(Files.createDirectory(dir.resolve("mosquitto")));
        String name = unique("crash");
        String topic = "/default/" + name;
        int httpPort = freePort();
        Path config = dir.resolve("crash.toml");
        Files.writeString(config, "connector_class = \"" + MqttSourceConnector.class.getName() + "\"\n"
                + coreToml(name).replace("metrics_port = 0", "metrics_port = " + httpPort) + """
                [mqtt]
                broker_host = "127.0.0.1"
                broker_port = %d
                client_id = "%s"
                clean_session = false
                session_expiry_secs = 300

                [[mqtt.routes]]
                from = "%s/#"
                to = "%s"
                qos = "AtLeastOnce"
                """.formatted(mosquitto.port(), name, name, topic));

        connector = launch(config, "first.log");
        awaitMqttHealthy(httpPort);
        Consumer reader = subscribe(topic);
        MqttClient publisher = publisher(mosquitto.tcpUrl());
        await("subscription live").atMost(Duration.ofSeconds(20)).until(() -> {
            publish(publisher, name + "/probe", "probe", 1);
            return drain(reader, Duration.ofMillis(200)).stream().anyMatch(message -> text(message).equals("probe"));
        });
        Set<String> distinct = new HashSet<>();

        publishRange(publisher, name, 0, 3_000);
        await("connector mid-stream").atMost(Duration.ofSeconds(30)).until(() -> {
            receiveSome(reader, distinct);
            return distinct.size() >= 300;
        });
        connector.destroyForcibly().waitFor();
        int inDanubeAtKill = distinct.size();
        publishRange(publisher, name, 3_000, 6_000);
        connector = launch(config, "second.log");
        publishRange(publisher, name, 6_000, MESSAGES);

        await("every message in Danube").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    receiveSome(reader, distinct);
                    return distinct.size() >= MESSAGES;
                });
        assertThat(inDanubeAtKill).isLessThan(3_000);
        assertThat(distinct).hasSize(MESSAGES);
    }

    private static void publishRange(MqttClient publisher, String prefix, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            publish(publisher, prefix + "/device-" + (i % 16), "m-" + i, 1);
        }
    }

    /** Takes what arrives within a short while (at most 500 messages), acknowledging it. */
    private static void receiveSome(Consumer reader, Set<String> distinct) {
        for (int i = 0; i < 500; i++) {
            Optional<ReceivedMessage> next = reader.receive(Duration.ofMillis(20));
            if (next.isEmpty()) {
                return;
            }
            reader.ack(next.get());
            String text = text(next.get());
            if (text.startsWith("m-")) {
                distinct.add(text);
            }
        }
    }

    private Process launch(Path config, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("LOG_LEVEL", "warn");
        return builder.start();
    }

    private static void awaitMqttHealthy(int port) {
        await("connector healthy").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"status\":\"healthy\"");
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
