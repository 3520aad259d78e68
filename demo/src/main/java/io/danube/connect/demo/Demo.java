package io.danube.connect.demo;

import io.danube.client.DanubeClient;
import io.danube.client.producer.Producer;
import io.danube.connect.demo.pipeline.ConnectorPipeline;
import io.danube.connect.demo.pipeline.PipelineSettings;
import io.danube.connect.demo.services.DemoServices;
import io.danube.connect.demo.services.FreePorts;
import io.danube.connect.demo.services.SqlDatabase;
import io.danube.connect.demo.traffic.DanubeTopicCounter;
import io.danube.connect.demo.traffic.SensorPublisher;
import io.danube.connect.demo.traffic.SensorReadings;
import io.danube.connect.demo.traffic.TableRowCounter;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One run of the live pipeline: sample readings -> MQTT broker -> MQTT source -> Danube (embedded) -> JDBC sink ->
 * table, with a counter of each stage, until stopped or for the requested duration.
 */
public final class Demo {

    public static final String DANUBE_TOPIC = "/iot/sensors";
    public static final String PROBE_TOPIC = "/iot/demo-probe";
    public static final int DANUBE_PORT = 6650;
    static final String LOG_FILE = "demo.log";

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(20);
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(3);

    private final DemoOptions options;
    private final String runId;
    private final Path workDirectory;
    private final PrintStream out;
    private final boolean terminal;

    /**
     * @param runId         makes every name of the run unique (table, MQTT topics and client ids, connector names)
     * @param workDirectory where the connector configs, the stand-ins' folders and the log file go
     * @param terminal      rewrite the counter line in place
     */
    public Demo(DemoOptions options, String runId, Path workDirectory, PrintStream out, boolean terminal) {
        this.options = options;
        this.runId = runId;
        this.workDirectory = workDirectory;
        this.out = out;
        this.terminal = terminal;
    }

    public String table() {
        return "demo_readings_" + runId;
    }

    /** Runs until {@code stop} opens or the duration is over; returns 0 when rows landed in the table, else 1. */
    public int run(CountDownLatch stop) {
        out.println("Danube Connect demo (run " + runId + "): sample readings -> MQTT -> MQTT source -> Danube ->"
                    + " JDBC sink -> SQL table");
        try (EmbeddedDanube broker = startBroker()) {
            createTopics(broker.serviceUrl());
            try (DemoServices services = DemoServices.choose(options.standIns(), options.keepTable(), runId,
                    workDirectory)) {
                try {
                    return runPipeline(broker, services, stop);
                } finally {
                    services.sql().cleanUp(table());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Demo failed: {}", e.getMessage(), e);
            out.println();
            out.println("Demo failed: " + e.getMessage());
            out.println("Log: " + workDirectory.resolve(LOG_FILE));
            return 1;
        }
    }

    private int runPipeline(EmbeddedDanube broker, DemoServices services, CountDownLatch stop) {
        SensorReadings readings = new SensorReadings("sensors/demo-" + runId, new Random());
        String probeMqttTopic = "demo-" + runId + "/probe";
        PipelineSettings settings = new PipelineSettings(broker.serviceUrl(), services.mqtt().host(),
                services.mqtt().port(), readings.filter(), probeMqttTopic, PROBE_TOPIC, runId, DANUBE_TOPIC,
                services.sql().jdbcUrl(), services.sql().user(), table());
        TableRowCounter rows = new TableRowCounter(services.sql(), table());
        try (DanubeTopicCounter inDanube = DanubeTopicCounter.start(broker.serviceUrl(), DANUBE_TOPIC,
                "demo-counter");
             DanubeTopicCounter probes = DanubeTopicCounter.start(broker.serviceUrl(), PROBE_TOPIC, "demo-probe");
             ConnectorPipeline pipeline = ConnectorPipeline.start(settings, workDirectory);
             SensorPublisher publisher = SensorPublisher.connect(services.mqtt().url(), "demo-publisher-" + runId,
                     readings)) {
            printWhereToLook(broker, services, readings, pipeline);
            pipeline.awaitReady(READY);
            awaitSubscribed(inDanube);
            awaitSubscribed(probes);
            probeUntilFlowing(publisher, probeMqttTopic, probes);
            publisher.start(options.rate());
            ProgressLine progress = new ProgressLine(out, terminal);
            long started = System.nanoTime();
            Counts counts = publishUntilStopped(stop, started, publisher, inDanube, rows, pipeline, progress);
            publisher.stop();
            counts = drain(started, publisher, inDanube, rows, pipeline, progress, counts);
            progress.finish();
            return report(counts, publisher, pipeline, services.sql());
        }
    }

    private Counts publishUntilStopped(CountDownLatch stop, long started, SensorPublisher publisher,
                                       DanubeTopicCounter inDanube, TableRowCounter rows,
                                       ConnectorPipeline pipeline, ProgressLine progress) {
        Optional<Long> deadline = options.duration().map(d -> started + d.toNanos());
        Counts counts = new Counts(0, 0, 0, 0);
        while (pipeline.failure().isEmpty()) {
            counts = new Counts(publisher.published(), pipeline.postedToWebhook(), inDanube.count(), rows.count());
            progress.show(elapsed(started), counts);
            long now = System.nanoTime();
            if (deadline.isPresent() && now >= deadline.get()) {
                break;
            }
            long waitNanos = deadline.map(d -> Math.min(TICK.toNanos(), d - now)).orElse(TICK.toNanos());
            if (await(stop, waitNanos)) {
                break;
            }
        }
        return counts;
    }

    /**
     * Gives the pipeline up to {@link #DRAIN} to carry what was published into the table; stops earlier when every
     * reading arrived or when nothing moved for {@link #DRAIN_QUIET}.
     */
    private Counts drain(long started, SensorPublisher publisher, DanubeTopicCounter inDanube, TableRowCounter rows,
                         ConnectorPipeline pipeline, ProgressLine progress, Counts last) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long lastChange = System.nanoTime();
        Counts counts = last;
        while (pipeline.failure().isEmpty() && System.nanoTime() < deadline
               && System.nanoTime() - lastChange < DRAIN_QUIET.toNanos()) {
            Counts now = new Counts(publisher.published(), pipeline.postedToWebhook(), inDanube.count(),
                    rows.count());
            if (!now.equals(counts)) {
                lastChange = System.nanoTime();
            }
            counts = now;
            progress.show(elapsed(started), counts);
            if (counts.settled()) {
                break;
            }
            sleep(Duration.ofMillis(250));
        }
        return counts;
    }

    private int report(Counts counts, SensorPublisher publisher, ConnectorPipeline pipeline, SqlDatabase sql) {
        pipeline.failure().ifPresent(failure -> out.println("A connector failed: " + failure));
        out.printf("Published %,d readings to MQTT (%,d failed) and %,d via the webhook, %,d reached Danube, %,d rows"
                   + " in %s.%n", counts.published(), publisher.failed(), counts.posted(), counts.inDanube(),
                counts.rows(), table());
        out.println(sql.afterRun(table()));
        if (counts.rows() == 0) {
            out.println("No rows landed in the table. Log: " + workDirectory.resolve(LOG_FILE));
            return 1;
        }
        return 0;
    }

    private void printWhereToLook(EmbeddedDanube broker, DemoServices services, SensorReadings readings,
                                  ConnectorPipeline pipeline) {
        out.println("  MQTT broker   " + services.mqtt().description() + ", topics " + readings.filter());
        out.println("  Danube        embedded broker at " + broker.serviceUrl() + ", topic " + DANUBE_TOPIC);
        out.println("  SQL database  " + services.sql().description() + ", table " + table());
        out.println("  MQTT source   http://127.0.0.1:" + pipeline.sourceHttpPort() + "/metrics   http://127.0.0.1:"
                    + pipeline.sourceHttpPort() + "/health");
        out.println("  Webhook src   http://127.0.0.1:" + pipeline.webhookHttpPort() + "/metrics   http://127.0.0.1:"
                    + pipeline.webhookHttpPort() + "/health");
        out.println("  JDBC sink     http://127.0.0.1:" + pipeline.sinkHttpPort() + "/metrics   http://127.0.0.1:"
                    + pipeline.sinkHttpPort() + "/health");
        out.println("  Rows          " + services.sql().lookCommand(table()));
        out.println("  Post one      curl -H 'Content-Type: application/json' -d '" + readings.manual().json() + "' "
                    + pipeline.webhookUrl());
        out.println("  Configs, log  " + workDirectory);
        out.println("Publishing " + formatRate(options.rate()) + " readings/s"
                    + options.duration().map(d -> " for " + d.toSeconds() + " s").orElse("")
                    + " (Ctrl-C stops)");
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    /** On {@value #DANUBE_PORT} when that port is free, else on any free loopback port; namespaces default and iot. */
    private static EmbeddedDanube startBroker() {
        BrokerConfig config = BrokerConfig.builder().bootstrapNamespaces(List.of("default", "iot")).build();
        if (FreePorts.isFree(DANUBE_PORT)) {
            try {
                return EmbeddedDanube.builder().port(DANUBE_PORT).config(config).start();
            } catch (RuntimeException takenMeanwhile) {
                LOG.info("Port {} was taken meanwhile ({}); using a free one", DANUBE_PORT,
                        takenMeanwhile.getMessage());
            }
        }
        return EmbeddedDanube.builder().port(0).config(config).start();
    }

    /** Reliable topics made before anyone subscribes, so that the counters and the sink see every message. */
    private static void createTopics(String serviceUrl) {
        try (DanubeClient client = DanubeClient.builder().serviceUrl(serviceUrl).build()) {
            for (String topic : List.of(DANUBE_TOPIC, PROBE_TOPIC)) {
                try (Producer producer = client.newProducer().topic(topic).name("demo-topic-creator").reliable()
                        .create()) {
                    LOG.info("Topic {} ready ({})", topic, producer.name());
                }
            }
        }
    }

    /** Publishes a probe every 250 ms until one came through the MQTT source into Danube. */
    private static void probeUntilFlowing(SensorPublisher publisher, String probeMqttTopic,
                                          DanubeTopicCounter probes) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (probes.count() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no probe came through the MQTT source within " + READY.toSeconds()
                                                + " s");
            }
            publisher.publishProbe(probeMqttTopic);
            sleep(Duration.ofMillis(250));
        }
    }

    private static void awaitSubscribed(DanubeTopicCounter counter) {
        try {
            if (!counter.awaitSubscribed(READY)) {
                throw new IllegalStateException("cannot subscribe to " + DANUBE_TOPIC + " to count its messages");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing to " + DANUBE_TOPIC, e);
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static boolean await(CountDownLatch latch, long nanos) {
        try {
            return latch.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
