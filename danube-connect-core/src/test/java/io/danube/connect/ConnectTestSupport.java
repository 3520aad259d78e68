package io.danube.connect;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.testing.Drain;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import io.danube.embedded.FailurePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the tests that run connectors against an embedded broker over gRPC on loopback: one broker per test class
 * with ack timeout and redelivery shortened to about a second, a unique topic per test, and a plain client.
 */
public abstract class ConnectTestSupport {

    /** Redelivery of an unacknowledged message comes within about a second on this broker. */
    public static final BrokerConfig FAST_BROKER = BrokerConfig.builder()
            .failurePolicy(FailurePolicy.defaults()
                    .withAckTimeout(Duration.ofSeconds(1))
                    .withRedeliveryDelays(Duration.ofMillis(50), Duration.ofMillis(300))
                    .withMaxRedeliveryCount(50))
            .heartbeatInterval(Duration.ofMillis(100))
            .fsyncInterval(Duration.ofMillis(200))
            .maxUnackedMessages(1000)
            .build();

    @RegisterExtension
    protected static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(FAST_BROKER);

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private DanubeClient client;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** A topic no other test uses, {@code /default/<prefix>-<n>}. */
    protected static String uniqueTopic(String prefix) {
        return "/default/" + prefix + "-" + TOPICS.incrementAndGet();
    }

    protected static String serviceUrl() {
        return DANUBE.serviceUrl();
    }

    /** A config for the test broker: fast retries, HTTP on a free port, the given batching. */
    protected static ConnectorConfig.Builder config(String name, int batchSize, Duration batchTimeout) {
        ProcessingSettings defaults = ProcessingSettings.DEFAULTS;
        return ConnectorConfig.builder()
                .danubeServiceUrl(serviceUrl())
                .connectorName(name)
                .retry(new RetrySettings(2, Duration.ofMillis(20), Duration.ofMillis(100)))
                .processing(new ProcessingSettings(batchSize, batchTimeout, Duration.ZERO, Duration.ofMillis(20), 0,
                        "127.0.0.1", "info", Duration.ofMillis(200), 2, Duration.ofSeconds(10)));
    }

    protected DanubeClient client() {
        if (client == null) {
            client = DanubeClient.builder().serviceUrl(serviceUrl()).build();
        }
        return client;
    }

    protected Producer reliableProducer(String topic) {
        Producer producer = client().newProducer().topic(topic).name("test-writer-" + TOPICS.incrementAndGet())
                .reliable().create();
        closeables.add(producer);
        return producer;
    }

    protected void publish(Producer producer, String... payloads) {
        for (String payload : payloads) {
            producer.send(OutgoingMessage.of(payload));
        }
    }

    protected Consumer subscribe(String topic, String subscription) {
        Consumer consumer = client().newConsumer().topic(topic).consumerName(subscription + "-reader-"
                + TOPICS.incrementAndGet()).subscription(subscription).subscribe();
        closeables.add(consumer);
        return consumer;
    }

    /** Everything {@code consumer} receives until nothing arrives for {@code quiet}, acknowledged. */
    protected static List<ReceivedMessage> drain(Consumer consumer, Duration quiet) {
        return Drain.all(consumer, quiet);
    }

    @AfterEach
    void closeClient() throws Exception {
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
