package io.danube.bench.sdk;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.camel.DanubeComponent;
import io.danube.camel.consumer.DanubeConsumer;
import io.danube.client.DanubeClient;
import io.danube.client.consumer.ConsumerState;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@code sdk-sink}: messages consumed through the SDK sink runtime with a no-op batching sink (batches of
 * {@code batch}, acknowledged after each batch) against the {@code camel-danube} consumer alone (a route that only
 * counts, acknowledging each message), both subscribed to a reliable topic while a pipelined producer publishes, on one
 * embedded broker in the same run. Rounds alternate between the two; each round uses fresh topics. The figure is
 * messages per second from the first send until the last message was handed to the sink or route.
 */
public final class SdkSinkScenario implements Scenario {

    private static final int PREFETCH = 1000;

    @Override
    public String name() {
        return "sdk-sink";
    }

    @Override
    public Set<String> options() {
        return Set.of("messages", "size", "batch", "window", "warmup", "rounds");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 100_000);
        int size = options.intValue("size", 256);
        int batch = options.intValue("batch", 1000);
        int window = options.intValue("window", 64);
        int warmup = options.intValue("warmup", 100_000);
        int rounds = options.intValue("rounds", 5);
        OutgoingMessage message = OutgoingMessage.of(new byte[size]);
        BrokerConfig brokerConfig = BrokerConfig.builder().maxUnackedMessages(Math.max(2 * batch, PREFETCH)).build();

        Medians sdk = new Medians();
        Medians camel = new Medians();
        try (EmbeddedDanube broker = EmbeddedDanube.builder().config(brokerConfig).start();
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            Progress.log("warming up: %d messages per mode", warmup);
            throughSdkSink(broker, client, "warm", warmup, batch, window, message);
            throughCamelConsumer(broker, client, "warm", warmup, window, message);
            for (int round = 1; round <= rounds; round++) {
                sdk.add(throughSdkSink(broker, client, "r" + round, messages, batch, window, message));
                camel.add(throughCamelConsumer(broker, client, "r" + round, messages, window, message));
                Progress.log("round %d/%d: sdk sink %.0f msg/s, camel consumer %.0f msg/s (%.0f %%)", round, rounds,
                        sdk.last(), camel.last(), 100 * sdk.last() / camel.last());
            }
        }
        return List.of(new BenchResult(name(), "sdk_sink_vs_camel_consumer", sdk.median(), camel.median(),
                "msg/s"));
    }

    private static double throughSdkSink(EmbeddedDanube broker, DanubeClient client, String round, int messages,
                                         int batch, int window, OutgoingMessage message) throws Exception {
        String topic = "/default/bench-sdk-" + round;
        Producer producer = reliableProducer(client, topic, window);
        NoOpSink sink = new NoOpSink(topic);
        ConnectorConfig config = ConnectorConfig.builder()
                .danubeServiceUrl(broker.serviceUrl())
                .connectorName("bench-sdk-" + round)
                .processing(new ProcessingSettings(batch, ProcessingSettings.DEFAULTS.batchTimeout(),
                        ProcessingSettings.DEFAULTS.batchLinger(), ProcessingSettings.DEFAULTS.pollInterval(), -1,
                        "127.0.0.1", "warn", ProcessingSettings.DEFAULTS.healthCheckInterval(), 3,
                        ProcessingSettings.DEFAULTS.shutdownTimeout()))
                .build();
        SinkRuntime runtime = new SinkRuntime(sink, config);
        runtime.start();
        try {
            awaitSubscribed(() -> runtime.health().isReady() ? 1 : 0);
            return publishAndCount(producer, messages, window, message, sink::written);
        } finally {
            runtime.stop();
            producer.close();
        }
    }

    private static double throughCamelConsumer(EmbeddedDanube broker, DanubeClient client, String round,
                                               int messages, int window, OutgoingMessage message) throws Exception {
        String topic = "/default/bench-camel-" + round;
        Producer producer = reliableProducer(client, topic, window);
        AtomicLong routed = new AtomicLong();
        try (CamelContext camel = new DefaultCamelContext()) {
            DanubeComponent danube = new DanubeComponent();
            danube.getConfiguration().setServiceUrl(broker.serviceUrl());
            camel.addComponent("danube", danube);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("danube:" + topic + "?subscription=bench&prefetch=" + PREFETCH).routeId("count")
                            .process(exchange -> routed.incrementAndGet());
                }
            });
            camel.start();
            awaitSubscribed(() -> camel.getRoute("count").getConsumer() instanceof DanubeConsumer consumer
                                  && consumer.getSubscriptionState() == ConsumerState.CONNECTED ? 1 : 0);
            return publishAndCount(producer, messages, window, message, routed::get);
        } finally {
            producer.close();
        }
    }

    private static Producer reliableProducer(DanubeClient client, String topic, int window) {
        return client.newProducer().topic(topic).name(topic.substring(topic.lastIndexOf('/') + 1) + "-writer")
                .dispatchMode(DispatchMode.RELIABLE).maxInFlight(window).create();
    }

    private static void awaitSubscribed(LongSupplier subscribed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (subscribed.getAsLong() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not subscribed within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /** Publishes {@code messages} and returns messages per second until {@code consumed} reaches them. */
    private static double publishAndCount(Producer producer, int messages, int window, OutgoingMessage message,
                                          LongSupplier consumed) throws Exception {
        long start = System.nanoTime();
        WindowedLoad.run(messages, window, i -> producer.sendAsync(message));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (consumed.getAsLong() < messages) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + consumed.getAsLong() + " of " + messages
                                                + " messages consumed within 120 s");
            }
            Thread.sleep(1);
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }
}
