package io.danube.connect.testing;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Base of the sink connectors' tests (shipped in this module's test jar): the sink runs in a {@link SinkRuntime}
 * against an embedded broker over gRPC on loopback (a negatively acknowledged message comes back within a fraction
 * of a second; the ack timeout is long enough that a loaded machine does not trigger timeout redeliveries), with
 * unique topics per test, config builders for the connector's section and helpers to publish and read.
 */
public abstract class SinkRuntimeTestSupport {

    public static final BrokerConfig BROKER = BrokerConfig.builder()
            .failurePolicy(FailurePolicy.defaults()
                    .withAckTimeout(Duration.ofSeconds(20))
                    .withRedeliveryDelays(Duration.ofMillis(50), Duration.ofMillis(300))
                    .withMaxRedeliveryCount(1_000))
            .heartbeatInterval(Duration.ofMillis(100))
            .fsyncInterval(Duration.ofMillis(200))
            .maxUnackedMessages(10_000)
            .build();

    @RegisterExtension
    protected static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(BROKER);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<SinkRuntime> runtimes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DanubeClient client;

    protected static String uniqueTopic(String prefix) {
        return "/default/" + prefix + "-" + SEQUENCE.incrementAndGet();
    }

    protected static String uniqueName(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet();
    }

    /** A {@code [[<section>.routes]]} entry as the config file would hold it, on {@code subscription}. */
    protected static Map<String, Object> routeOn(String subscription, String from, String to, Object... keyValues) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("from", from);
        route.put("to", to);
        route.put("subscription", subscription);
        return with(route, keyValues);
    }

    /** A {@code [[<section>.routes.columns]]} entry. */
    protected static Map<String, Object> column(String field, String column, String type) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("field", field);
        mapping.put("column", column);
        mapping.put("type", type);
        return mapping;
    }

    /** {@code map} with the alternating keys and values added, in order. */
    protected static Map<String, Object> with(Map<String, Object> map, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /**
     * A config whose {@code section} is {@code values}, for the broker of this class: batches of {@code batchSize}
     * flushed every 300 ms, health checked every 200 ms, metrics on a free loopback port.
     */
    protected static ConnectorConfig sinkConfig(String section, Map<String, Object> values, int batchSize,
                                                RetrySettings retry) {
        return ConnectorConfig.builder()
                .danubeServiceUrl(DANUBE.serviceUrl())
                .connectorName(uniqueName(section + "-sink"))
                .retry(retry)
                .processing(new ProcessingSettings(batchSize, Duration.ofMillis(300), Duration.ofMillis(20),
                        Duration.ofMillis(20), 0, "127.0.0.1", "info", Duration.ofMillis(200), 100,
                        Duration.ofSeconds(20)))
                .section(section, values)
                .build();
    }

    /** Two quick retries, for tests whose failures are meant to reach the dead-letter topic soon. */
    protected static RetrySettings quickRetries() {
        return new RetrySettings(2, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    protected SinkRuntime start(SinkConnector connector, ConnectorConfig config) {
        SinkRuntime runtime = new SinkRuntime(connector, config);
        runtimes.add(runtime);
        runtime.start();
        await("subscribed").atMost(Duration.ofSeconds(15)).until(() -> runtime.health().isReady());
        return runtime;
    }

    protected int stop(SinkRuntime runtime) {
        runtimes.remove(runtime);
        return runtime.stop();
    }

    protected DanubeClient client() {
        if (client == null) {
            client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
        }
        return client;
    }

    protected Producer producer(String topic) {
        Producer producer = client().newProducer().topic(topic).name(uniqueName("writer")).reliable().create();
        closeables.add(producer);
        return producer;
    }

    protected Consumer subscribe(String topic, String subscription) {
        Consumer consumer = client().newConsumer().topic(topic).consumerName(uniqueName(subscription))
                .subscription(subscription).subscribe();
        closeables.add(consumer);
        return consumer;
    }

    /** Sends every payload and waits until the broker accepted all of them. */
    protected static void publish(Producer producer, List<String> payloads) {
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

    protected static void publish(Producer producer, String... payloads) {
        publish(producer, List.of(payloads));
    }

    /** Everything {@code consumer} receives until nothing arrives for {@code quiet}, acknowledged. */
    protected static List<ReceivedMessage> drain(Consumer consumer, Duration quiet) {
        return Drain.all(consumer, quiet);
    }

    /** Stops every runtime started and closes every client made here; runs after each test, may run earlier. */
    @AfterEach
    protected void stopEverything() throws Exception {
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
