package io.danube.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One fault in one delivery mode on a fresh {@link Pipeline}: publishes the load, injects the fault when a third of
 * it is out, waits (bounded) until every message landed, and measures. Never restarts a connector it did not kill,
 * unless the connector ended by itself or stalled — then it does what an operator would and counts it.
 */
final class FaultRun {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration READY_BOUND = Duration.ofSeconds(90);

    private final SuiteSettings settings;
    private final Fault fault;
    private final Delivery delivery;
    private int manualRestarts;
    private int poisonSent;

    FaultRun(SuiteSettings settings, Fault fault, Delivery delivery) {
        this.settings = settings;
        this.fault = fault;
        this.delivery = delivery;
    }

    /** On a pipeline of its own, numbering the messages from 0. */
    FaultResult run() {
        try (Pipeline pipeline = Pipeline.start(delivery, 1, 1);
             DeadLetterWatch deadLetters = DeadLetterWatch.start(pipeline.broker.serviceUrl(),
                     pipeline.deadLetterTopic());
             MqttLoad load = MqttLoad.connect(pipeline.mosquitto.url(), "faults-load-" + pipeline.runId,
                     pipeline.mqttPrefix)) {
            return runOn(pipeline, deadLetters, load, 0);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * On a running pipeline (shared by several faults in a row), with the messages numbered from {@code firstSeq};
     * the pipeline's connectors must be up.
     */
    FaultResult runOn(Pipeline pipeline, DeadLetterWatch deadLetters, MqttLoad load, long firstSeq) {
        String label = fault.label(settings.longOutage());
        long lastSeq = firstSeq + settings.messages();
        Map<String, Long> deadLettersBefore = deadLetters.reasons();
        long resendsBefore = load.resends();
        ExecutorService publisher = Executors.newSingleThreadExecutor(r -> new Thread(r, "fault-suite-load"));
        try (HealthWatch health = new HealthWatch(pipeline.connectors())) {
            awaitHealthy(pipeline, health);
            LandedRows landed = new LandedRows(pipeline.postgres, pipeline.table);
            long acknowledgedBefore = load.acknowledged();
            Future<?> publishing = publisher.submit(() -> load.publish(firstSeq, lastSeq, settings.rate()));
            awaitPublished(load, acknowledgedBefore + settings.messages() / 3, publishing);
            Progress.log("%s/%s: injecting after %d messages", label, delivery.label(),
                    load.acknowledged() - acknowledgedBefore);
            long poisonRowsBefore = landed.poisonRows();
            inject(pipeline, load);
            long faultEnd = System.nanoTime();
            long landedAtFaultEnd = Math.max(0, landed.count(firstSeq, lastSeq).distinct());
            awaitDone(publishing);
            long published = System.nanoTime();
            Progress.log("%s/%s: all %d published, waiting for the drain", label, delivery.label(),
                    settings.messages());
            Drain drain = drain(pipeline, landed, firstSeq, lastSeq, health, faultEnd, landedAtFaultEnd);
            LandedRows.Landed last = landed.count(firstSeq, lastSeq);
            long missing = settings.messages() - Math.max(0, last.distinct());
            return new FaultResult(label, delivery.label(), settings.messages(), last.rows(), last.distinct(),
                    missing, Math.max(0, last.rows() - last.distinct()), last.rewritten(), last.republished(),
                    drain.recoverySeconds(),
                    drain.complete() ? seconds(drain.completedAt() - published) : -1, manualRestarts, health.seen(),
                    load.resends() - resendsBefore, poisonSent,
                    poisonSent > 0 ? landed.poisonRows() - poisonRowsBefore : 0,
                    difference(deadLetters.reasons(), deadLettersBefore),
                    drain.complete() ? null : "not drained within " + settings.drainTimeout().toSeconds() + " s");
        } catch (RuntimeException e) {
            return failed(e);
        } finally {
            publisher.shutdownNow();
        }
    }

    private FaultResult failed(RuntimeException e) {
        return new FaultResult(fault.label(settings.longOutage()), delivery.label(), settings.messages(), -1, -1, -1,
                -1, -1, -1, -1, -1, manualRestarts, Map.of(), -1, poisonSent, -1, Map.of(), firstLine(e));
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> added = new java.util.TreeMap<>();
        after.forEach((reason, count) -> {
            long more = count - before.getOrDefault(reason, 0L);
            if (more > 0) {
                added.put(reason, more);
            }
        });
        return added;
    }

    private void inject(Pipeline pipeline, MqttLoad load) {
        ConnectorProcess sink = pipeline.sinks.get(0);
        ConnectorProcess source = pipeline.sources.get(0);
        switch (fault) {
            case SINK_KILL_2S -> killAndRestart(sink, settings.shortOutage());
            case SINK_KILL_LONG -> killAndRestart(sink, settings.longOutage());
            case SOURCE_KILL_2S -> killAndRestart(source, settings.shortOutage());
            case SOURCE_KILL_LONG -> killAndRestart(source, settings.longOutage());
            case BROKER_KILL_2S -> killBroker(pipeline.broker, settings.shortOutage());
            case BROKER_KILL_LONG -> killBroker(pipeline.broker, settings.longOutage());
            case POSTGRES_DOWN -> {
                pipeline.postgres.crash();
                outage(settings.longOutage());
                pipeline.postgres.startServer();
            }
            case MOSQUITTO_RESTARTS -> {
                for (int i = 0; i < settings.mosquittoRestarts(); i++) {
                    pipeline.mosquitto.restart();
                    outage(Duration.ofSeconds(1));
                }
            }
            case POISON_MIX -> publishPoison(load, pipeline.mqttPrefix + "/poison");
        }
    }

    private static void killAndRestart(ConnectorProcess connector, Duration outage) {
        connector.kill();
        outage(outage);
        connector.start();
    }

    private static void killBroker(BrokerProcess broker, Duration outage) {
        broker.kill();
        outage(outage);
        broker.start();
    }

    /** Oversized (> 4 MiB), not JSON, JSON with trailing junk, a NUL byte, wrong types. */
    private void publishPoison(MqttLoad load, String topic) {
        byte[] oversized = new byte[4 * 1024 * 1024 + 1024];
        Arrays.fill(oversized, (byte) 'x');
        byte[] prefix = "{\"id\":\"poison-oversized\",\"seq\":-1,\"pad\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, oversized, 0, prefix.length);
        oversized[oversized.length - 2] = '"';
        oversized[oversized.length - 1] = '}';
        List<byte[]> poison = List.of(oversized,
                "not json at all".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"poison-trailing\",\"seq\":-2} trailing".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"poison-nul\u0000\",\"seq\":-3}".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"poison-types\",\"seq\":\"not a number\"}".getBytes(StandardCharsets.UTF_8));
        for (byte[] payload : poison) {
            load.send(topic, payload);
            poisonSent++;
        }
    }

    /** The outage itself: the time a service stays down is the fault, not a wait for a condition. */
    private static void outage(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during an outage", e);
        }
    }

    private static void awaitHealthy(Pipeline pipeline, HealthWatch health) {
        Deadline deadline = Deadline.in(READY_BOUND);
        for (ConnectorProcess connector : pipeline.connectors()) {
            while (!"healthy".equals(health.last(connector.name()))) {
                deadline.check(() -> connector.name() + " not healthy (last: " + health.last(connector.name())
                        + " " + health.lastAnswer(connector.name()) + "):\n" + connector.tail());
                deadline.pause(POLL);
            }
        }
    }

    private static void awaitPublished(MqttLoad load, long count, Future<?> publishing) {
        Deadline deadline = Deadline.in(Duration.ofMinutes(5));
        while (load.acknowledged() < count) {
            if (publishing.isDone()) {
                awaitDone(publishing);
            }
            deadline.check(() -> "only " + load.acknowledged() + " of " + count + " messages published");
            deadline.pause(Duration.ofMillis(20));
        }
    }

    private static void awaitDone(Future<?> publishing) {
        try {
            publishing.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed: " + firstLine(e), e);
        }
    }

    /**
     * Polls the table until every message landed or the drain bound passed. A connector that ended by itself, or a
     * connector that made no progress for the stall bound, is started again and counted as a manual restart.
     */
    private Drain drain(Pipeline pipeline, LandedRows landed, long firstSeq, long lastSeq, HealthWatch health,
                        long faultEnd, long landedAtFaultEnd) {
        Deadline deadline = Deadline.in(settings.drainTimeout());
        double recovery = -1;
        long best = landedAtFaultEnd;
        long lastProgress = System.nanoTime();
        while (true) {
            LandedRows.Landed now = landed.count(firstSeq, lastSeq);
            if (now.distinct() > best) {
                if (recovery < 0) {
                    recovery = seconds(System.nanoTime() - faultEnd);
                }
                best = now.distinct();
                lastProgress = System.nanoTime();
            }
            if (now.distinct() >= settings.messages()) {
                return new Drain(true, recovery < 0 ? 0 : recovery, System.nanoTime());
            }
            if (deadline.passed()) {
                return new Drain(false, recovery, 0);
            }
            for (ConnectorProcess connector : pipeline.connectors()) {
                if (!connector.alive()) {
                    Progress.log("%s ended by itself; starting it again (manual restart):\n%s", connector.name(),
                            connector.tail());
                    manualRestarts++;
                    connector.start();
                    lastProgress = System.nanoTime();
                }
            }
            if (System.nanoTime() - lastProgress > settings.stallBound().toNanos()) {
                for (ConnectorProcess connector : pipeline.connectors()) {
                    if (!"healthy".equals(health.last(connector.name()))) {
                        Progress.log("%s stalled (health %s, no progress for %d s); restarting it (manual restart)",
                                connector.name(), health.last(connector.name()), settings.stallBound().toSeconds());
                        manualRestarts++;
                        connector.kill();
                        connector.start();
                    }
                }
                lastProgress = System.nanoTime();
            }
            deadline.pause(POLL);
        }
    }

    private record Drain(boolean complete, double recoverySeconds, long completedAt) {
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
