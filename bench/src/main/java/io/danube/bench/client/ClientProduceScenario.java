package io.danube.bench.client;

import io.danube.bench.BenchOptions;
import io.danube.bench.Medians;
import io.danube.bench.ProduceLoad;
import io.danube.bench.Progress;
import io.danube.bench.BenchResult;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.bench.echo.EchoCeiling;
import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.embedded.EmbeddedDanube;

import java.util.List;
import java.util.Set;

/**
 * {@code client-produce}: the same load sent one message at a time (what the official Java client does),
 * pipelined with a window of sends in flight (with the client's default callback pool, and with futures completed
 * inline on the transport threads), and, as the ceiling, as bare gRPC echo calls of the same size and concurrency
 * against a trivial service in the same JVM.
 */
public final class ClientProduceScenario implements Scenario {

    @Override
    public String name() {
        return "client-produce";
    }

    @Override
    public Set<String> options() {
        return ProduceLoad.OPTIONS;
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        ProduceLoad load = ProduceLoad.from(options);
        int messages = load.messages();
        int size = load.size();
        int partitions = load.partitions();
        int window = load.window();
        int warmup = load.warmup();
        int rounds = load.rounds();
        OutgoingMessage message = OutgoingMessage.of(new byte[size]);

        Medians sync = new Medians();
        Medians pipelined = new Medians();
        Medians pipelinedInline = new Medians();
        Medians echoSerial = new Medians();
        Medians echoWindowed = new Medians();
        try (EmbeddedDanube broker = EmbeddedDanube.start();
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
             DanubeClient inlineClient = DanubeClient.builder().serviceUrl(broker.serviceUrl())
                     .callbackExecutor(Runnable::run).build();
             EchoCeiling echo = EchoCeiling.start()) {
            Producer syncProducer = producer(client, "/default/bench-sync", "sync", partitions, 1);
            Producer pipelinedProducer = producer(client, "/default/bench-pipelined", "pipelined", partitions, window);
            Producer inlineProducer = producer(inlineClient, "/default/bench-inline", "inline", partitions, window);

            Progress.log("warming up: %d messages per mode", warmup);
            sendOneAtATime(syncProducer, message, warmup);
            WindowedLoad.run(warmup, window, i -> pipelinedProducer.sendAsync(message));
            WindowedLoad.run(warmup, window, i -> inlineProducer.sendAsync(message));
            echo.callsPerSecond(warmup, 1, size);
            echo.callsPerSecond(warmup, window, size);

            for (int round = 1; round <= rounds; round++) {
                sync.add(sendOneAtATime(syncProducer, message, messages));
                pipelined.add(WindowedLoad.run(messages, window, i -> pipelinedProducer.sendAsync(message)));
                pipelinedInline.add(WindowedLoad.run(messages, window, i -> inlineProducer.sendAsync(message)));
                echoSerial.add(echo.callsPerSecond(messages, 1, size));
                echoWindowed.add(echo.callsPerSecond(messages, window, size));
                Progress.log("round %d/%d: sync %.0f msg/s, pipelined %.0f msg/s (inline callbacks %.0f), "
                                + "echo x1 %.0f calls/s, echo x%d %.0f calls/s", round, rounds, sync.last(),
                        pipelined.last(), pipelinedInline.last(), echoSerial.last(), window, echoWindowed.last());
            }
        }
        return List.of(
                new BenchResult(name(), "pipelined_vs_sync", pipelined.median(), sync.median(), "msg/s"),
                new BenchResult(name(), "pipelined_vs_grpc_ceiling", pipelined.median(), echoWindowed.median(), "msg/s"),
                new BenchResult(name(), "pipelined_inline_callbacks_vs_grpc_ceiling", pipelinedInline.median(),
                        echoWindowed.median(), "msg/s"),
                new BenchResult(name(), "sync_vs_grpc_ceiling", sync.median(), echoSerial.median(), "msg/s"));
    }

    private static Producer producer(DanubeClient client, String topic, String name, int partitions, int maxInFlight) {
        return client.newProducer()
                .topic(topic)
                .name(name)
                .partitions(partitions)
                .dispatchMode(DispatchMode.RELIABLE)
                .maxInFlight(maxInFlight)
                .create();
    }

    private static double sendOneAtATime(Producer producer, OutgoingMessage message, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            producer.send(message);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
