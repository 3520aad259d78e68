package io.danube.bench.client;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Latencies;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.bench.echo.EchoCeiling;
import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.MessageListener;
import io.danube.client.consumer.SubscriptionType;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.embedded.EmbeddedDanube;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code client-e2e}: produce, consume and ack on an Exclusive subscription of a reliable topic. Reports the
 * end-to-end rate against produce-only sends in the same run, and the send-to-receive latency against a bare gRPC
 * echo round trip at the same concurrency.
 */
public final class ClientEndToEndScenario implements Scenario {

    private static final long DRAIN_TIMEOUT_SECONDS = 120;

    @Override
    public String name() {
        return "client-e2e";
    }

    @Override
    public Set<String> options() {
        return Set.of("messages", "size", "window", "warmup");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 50_000);
        int size = Math.max(Long.BYTES, options.intValue("size", 1024));
        int window = options.intValue("window", 16);
        int warmup = options.intValue("warmup", 20_000);

        try (EmbeddedDanube broker = EmbeddedDanube.start();
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
             EchoCeiling echo = EchoCeiling.start()) {
            Producer produceOnly = producer(client, "/default/bench-produce-only", window);
            Producer producer = producer(client, "/default/bench-e2e", window);
            TimedReceiver receiver = new TimedReceiver();
            try (Consumer consumer = client.newConsumer()
                    .topic("/default/bench-e2e")
                    .consumerName("bench-consumer")
                    .subscription("bench")
                    .subscriptionType(SubscriptionType.EXCLUSIVE)
                    .messageListener(receiver)
                    .subscribe()) {
                Progress.log("warming up: %d messages", warmup);
                receiver.expect(warmup, null);
                WindowedLoad.run(warmup, window, i -> producer.sendAsync(timestamped(size)));
                receiver.awaitAll();
                WindowedLoad.run(warmup, window, i -> produceOnly.sendAsync(timestamped(size)));
                echo.callsPerSecond(warmup, window, size);

                double produceRate = WindowedLoad.run(messages, window, i -> produceOnly.sendAsync(timestamped(size)));
                Latencies endToEnd = new Latencies(messages);
                receiver.expect(messages, endToEnd);
                long start = System.nanoTime();
                WindowedLoad.run(messages, window, i -> producer.sendAsync(timestamped(size)));
                receiver.awaitAll();
                double endToEndRate = messages / ((System.nanoTime() - start) / 1e9);
                Latencies echoLatencies = new Latencies(messages);
                echo.callsPerSecond(messages, window, size, echoLatencies);
                Progress.log("produce-only %.0f msg/s, end-to-end %.0f msg/s, p50 %.0f us, p99 %.0f us",
                        produceRate, endToEndRate, endToEnd.percentileMicros(50), endToEnd.percentileMicros(99));
                return List.of(
                        new BenchResult(name(), "e2e_vs_produce_only", endToEndRate, produceRate, "msg/s"),
                        new BenchResult(name(), "e2e_p50_latency_vs_grpc_echo", endToEnd.percentileMicros(50),
                                echoLatencies.percentileMicros(50), "us"),
                        new BenchResult(name(), "e2e_p99_latency_vs_grpc_echo", endToEnd.percentileMicros(99),
                                echoLatencies.percentileMicros(99), "us"));
            }
        }
    }

    private static Producer producer(DanubeClient client, String topic, int maxInFlight) {
        return client.newProducer()
                .topic(topic)
                .name("bench-producer")
                .dispatchMode(DispatchMode.RELIABLE)
                .maxInFlight(maxInFlight)
                .create();
    }

    private static OutgoingMessage timestamped(int size) {
        byte[] payload = new byte[size];
        ByteBuffer.wrap(payload).putLong(System.nanoTime());
        return OutgoingMessage.of(payload);
    }

    /** Acks every message and records how long it took from send to receipt. */
    private static final class TimedReceiver implements MessageListener {

        private volatile CountDownLatch remaining = new CountDownLatch(0);
        private volatile Latencies latencies;
        private final AtomicReference<Throwable> ackFailure = new AtomicReference<>();

        void expect(int count, Latencies recorder) {
            latencies = recorder;
            remaining = new CountDownLatch(count);
        }

        void awaitAll() throws InterruptedException {
            if (!remaining.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(remaining.getCount() + " messages not received within "
                        + DRAIN_TIMEOUT_SECONDS + " s");
            }
            if (ackFailure.get() != null) {
                throw new IllegalStateException("ack failed", ackFailure.get());
            }
        }

        @Override
        public void onMessage(Consumer consumer, ReceivedMessage message) {
            long sent = message.payloadBuffer().getLong(0);
            Latencies recorder = latencies;
            if (recorder != null) {
                recorder.record(System.nanoTime() - sent);
            }
            consumer.ack(message).whenComplete((ok, error) -> {
                if (error != null) {
                    ackFailure.compareAndSet(null, error);
                }
            });
            remaining.countDown();
        }
    }
}
