package io.danube.connect.clickhouse;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import io.danube.embedded.FailurePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Runs the ClickHouse sink in a {@link SinkRuntime} against an embedded broker over gRPC on loopback (a negatively
 * acknowledged message comes back within a fraction of a second; the ack timeout is long enough that a loaded machine
 * does not trigger timeout redeliveries), with unique topics per test and helpers to publish JSON.
 */
abstract class SinkTestSupport {

    static final BrokerConfig BROKER = BrokerConfig.builder()
            .failurePolicy(FailurePolicy.defaults()
                    .withAckTimeout(Duration.ofSeconds(20))
                    .withRedeliveryDelays(Duration.ofMillis(50), Duration.ofMillis(300))
                    .withMaxRedeliveryCount(1_000))
            .heartbeatInterval(Duration.ofMillis(100))
            .fsyncInterval(Duration.ofMillis(200))
            .maxUnackedMessages(10_000)
            .build();

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(BROKER);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<SinkRuntime> runtimes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DanubeClient client;

    static String uniqueTopic(String prefix) {
        return "/default/" + prefix + "-" + SEQUENCE.incrementAndGet();
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet();
    }

    /** A {@code [[clickhouse.routes]]} entry as the config file would hold it. */
    static Map<String, Object> route(String from, String to, Object... keyValues) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("from", from);
        route.put("to", to);
        route.put("subscription", "clickhouse-test");
        for (int i = 0; i < keyValues.length; i += 2) {
            route.put((String) keyValues[i], keyValues[i + 1]);
        }
        return route;
    }

    static Map<String, Object> column(String field, String column, String type) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("field", field);
        mapping.put("column", column);
        mapping.put("type", type);
        return mapping;
    }

    /** A {@code [clickhouse]} section writing into {@code database} of the server at {@code url}. */
    static Map<String, Object> clickhouse(String url, String database, List<Map<String, Object>> routes,
                                          Object... keyValues) {
        Map<String, Object> clickhouse = new LinkedHashMap<>();
        clickhouse.put("url", url);
        clickhouse.put("database", database);
        clickhouse.put("routes", routes);
        for (int i = 0; i < keyValues.length; i += 2) {
            clickhouse.put((String) keyValues[i], keyValues[i + 1]);
        }
        return clickhouse;
    }

    static ConnectorConfig config(Map<String, Object> clickhouse, int batchSize, RetrySettings retry) {
        return ConnectorConfig.builder()
                .danubeServiceUrl(DANUBE.serviceUrl())
                .connectorName(uniqueName("clickhouse-sink"))
                .retry(retry)
                .processing(new ProcessingSettings(batchSize, Duration.ofMillis(300), Duration.ofMillis(20),
                        Duration.ofMillis(20), 0, "127.0.0.1", "info", Duration.ofMillis(200), 100,
                        Duration.ofSeconds(20)))
                .section("clickhouse", clickhouse)
                .build();
    }

    static ConnectorConfig config(Map<String, Object> clickhouse, int batchSize) {
        return config(clickhouse, batchSize, new RetrySettings(2, Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    SinkRuntime start(SinkConnector connector, ConnectorConfig config) {
        SinkRuntime runtime = new SinkRuntime(connector, config);
        runtimes.add(runtime);
        runtime.start();
        await("subscribed").atMost(Duration.ofSeconds(15)).until(() ->
                runtime.health().isReady());
        return runtime;
    }

    int stop(SinkRuntime runtime) {
        runtimes.remove(runtime);
        return runtime.stop();
    }

    DanubeClient client() {
        if (client == null) {
            client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
        }
        return client;
    }

    Producer producer(String topic) {
        Producer producer = client().newProducer().topic(topic).name(uniqueName("writer")).reliable().create();
        closeables.add(producer);
        return producer;
    }

    Consumer subscribe(String topic, String subscription) {
        Consumer consumer = client().newConsumer().topic(topic).consumerName(uniqueName(subscription))
                .subscription(subscription).subscribe();
        closeables.add(consumer);
        return consumer;
    }

    /** Sends every payload and waits until the broker accepted all of them. */
    static void publish(Producer producer, List<String> payloads) {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (String payload : payloads) {
            pending.add(producer.sendAsync(OutgoingMessage.of(payload)));
            if (pending.size() == 500) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    static void publish(Producer producer, String... payloads) {
        publish(producer, List.of(payloads));
    }

    /** Everything {@code consumer} receives until nothing arrives for {@code quiet}, acknowledged. */
    static List<ReceivedMessage> drain(Consumer consumer, Duration quiet) {
        List<ReceivedMessage> received = new ArrayList<>();
        for (Optional<ReceivedMessage> next = consumer.receive(quiet); next.isPresent();
             next = consumer.receive(quiet)) {
            received.add(next.get());
            consumer.ack(next.get());
        }
        return received;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (SinkRuntime runtime : runtimes) {
            runtime.stop();
        }
        runtimes.clear();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        closeables.clear();
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
