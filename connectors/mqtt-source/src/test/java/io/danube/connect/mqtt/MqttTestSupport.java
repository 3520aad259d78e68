package io.danube.connect.mqtt;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.runtime.source.SourceRuntime;
import io.danube.connect.testing.Drain;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import io.danube.embedded.FailurePolicy;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Base of the tests that run the connector between a real Mosquitto and the embedded Danube broker (gRPC on
 * loopback): config from TOML text, an MQTT publisher, Danube consumers, and cleanup.
 */
abstract class MqttTestSupport {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(BrokerConfig.builder()
            .bootstrapNamespaces(List.of("default", "iot"))
            .failurePolicy(FailurePolicy.defaults().withAckTimeout(Duration.ofSeconds(2)))
            .heartbeatInterval(Duration.ofMillis(100))
            .build());

    private static final AtomicInteger IDS = new AtomicInteger();

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DanubeClient client;

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    }

    /** The core keys for the embedded broker: fast retries, HTTP on a free port, quick health checks. */
    static String coreToml(String connectorName) {
        return """
                danube_service_url = "%s"
                connector_name = "%s"
                [retry]
                max_retries = 5
                retry_backoff_ms = 50
                max_backoff_ms = 500
                [processing]
                metrics_port = 0
                metrics_host = "127.0.0.1"
                health_check_interval_ms = 200
                shutdown_timeout_ms = 10000
                """.formatted(DANUBE.serviceUrl(), connectorName);
    }

    static ConnectorConfig load(Path dir, String toml) throws Exception {
        Path file = dir.resolve(unique("connector") + ".toml");
        Files.writeString(file, toml);
        return new ConnectorConfigLoader(Map.of()).load(file);
    }

    SourceRuntime startConnector(ConnectorConfig config) {
        SourceRuntime runtime = new SourceRuntime(new MqttSourceConnector(), config);
        closeables.add(runtime::stop);
        runtime.start();
        return runtime;
    }

    MqttClient publisher(String url) throws MqttException {
        MqttClient publisher = new MqttClient(url, unique("publisher"), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
        closeables.add(() -> {
            if (publisher.isConnected()) {
                publisher.disconnect();
            }
            publisher.close();
        });
        return publisher;
    }

    static void publish(MqttClient publisher, String topic, String payload, int qos) throws MqttException {
        publisher.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos,
                false, null));
    }

    DanubeClient danube() {
        if (client == null) {
            client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
        }
        return client;
    }

    /**
     * Subscribes to a partitioned topic once every partition exists: a consumer of a partitioned topic listens to the
     * partitions that exist when it subscribes, so they are created first (as the connector would) by a producer of
     * the same shape.
     */
    Consumer subscribePartitioned(String topic, int partitions, boolean reliable) throws Exception {
        var builder = danube().newProducer().topic(topic).name(unique("shape")).partitions(partitions);
        try (var producer = (reliable ? builder.reliable() : builder).create()) {
            return subscribe(topic);
        }
    }

    /** Subscribes as soon as the connector's producers created {@code topic}. */
    Consumer subscribe(String topic) {
        Consumer consumer = await("topic " + topic + " created").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> danube().newConsumer().topic(topic).consumerName(unique("reader"))
                        .subscription(unique("sub")).subscribe(), Objects::nonNull);
        closeables.add(consumer);
        return consumer;
    }

    /** Everything {@code consumer} receives until nothing arrives for {@code quiet}, acknowledged. */
    static List<ReceivedMessage> drain(Consumer consumer, Duration quiet) {
        return Drain.all(consumer, quiet);
    }

    static String text(ReceivedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        closeables.clear();
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
