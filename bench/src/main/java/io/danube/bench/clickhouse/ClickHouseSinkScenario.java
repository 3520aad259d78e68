package io.danube.bench.clickhouse;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.bench.sdk.NoOpSink;
import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.clickhouse.ClickHouseSinkConnector;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code clickhouse-sink}: ~200-byte JSON messages written into a MergeTree table of the local ClickHouse
 * (127.0.0.1:8123) by the ClickHouse sink connector (automatic mapping, batches of {@code b}, gzip off unless
 * {@code --gzip 1}). Two figures, each against a baseline measured in the same run, rounds alternating:
 * <ul>
 *   <li>the connector's write path alone: the payloads as in-memory records handed to {@code processBatch}, against a
 *   plain HTTP {@code INSERT … FORMAT JSONEachRow} of the same batches (the payload lines joined, same input
 *   settings, {@code java.net.http}, one request per batch);</li>
 *   <li>end to end from Danube: the connector in a {@link SinkRuntime} consuming a reliable topic while a pipelined
 *   producer publishes, against the SDK runtime with a no-op sink ({@code sdk-sink}'s ceiling) on the same broker.</li>
 * </ul>
 * Every round writes a fresh table in a scratch database, dropped at the end; row counts are checked after each round.
 * Which side of a pair runs first alternates from round to round.
 */
public final class ClickHouseSinkScenario implements Scenario {

    static final String URL = "http://127.0.0.1:8123";
    private static final String COLUMNS = "id UInt64, device String, temperature Float64, humidity Float64,"
                                          + " status String, ts DateTime, note String";
    private static final String NOTE = "x".repeat(40);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String database = "bench_clickhouse_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 8);
    private int tables;

    @Override
    public String name() {
        return "clickhouse-sink";
    }

    @Override
    public Set<String> options() {
        return Set.of("messages", "batches", "rounds", "window", "gzip");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 100_000);
        List<Integer> batches = options.intList("batches", List.of(1000, 5000));
        int rounds = options.intValue("rounds", 4);
        int window = options.intValue("window", 256);
        boolean gzip = options.intValue("gzip", 0) == 1;
        int maxBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1000);
        List<String> payloads = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            payloads.add(payload(i));
        }
        List<BenchResult> results = new ArrayList<>();
        execute("CREATE DATABASE " + database);
        BrokerConfig brokerConfig = BrokerConfig.builder()
                .maxUnackedMessages(Math.min(10_000, Math.max(2 * maxBatch, 2_000))).build();
        try (EmbeddedDanube broker = EmbeddedDanube.builder().config(brokerConfig).start();
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            Progress.log("warming up: %d messages, batches of %d", Math.min(messages, 20_000), maxBatch);
            List<String> warmup = payloads.subList(0, Math.min(messages, 20_000));
            throughConnectorOnly(warmup, maxBatch, gzip);
            throughPlainHttp(warmup, maxBatch);
            throughSink(broker, client, warmup, maxBatch, window, gzip);
            throughNoOpSink(broker, client, warmup.size(), maxBatch, window);
            for (int batch : batches) {
                Medians connector = new Medians();
                Medians plain = new Medians();
                Medians sink = new Medians();
                Medians noOp = new Medians();
                for (int round = 1; round <= rounds; round++) {
                    // Which side goes first alternates: the parts one insert leaves are merged while the next runs.
                    boolean plainFirst = round % 2 == 1;
                    if (plainFirst) {
                        plain.add(throughPlainHttp(payloads, batch));
                    }
                    connector.add(throughConnectorOnly(payloads, batch, gzip));
                    if (!plainFirst) {
                        plain.add(throughPlainHttp(payloads, batch));
                    }
                    Progress.log("batch %d, round %d/%d: connector write path %.0f rows/s, plain HTTP insert %.0f"
                                 + " rows/s (%.0f %%)", batch, round, rounds, connector.last(), plain.last(),
                            100 * connector.last() / plain.last());
                    if (plainFirst) {
                        noOp.add(throughNoOpSink(broker, client, messages, batch, window));
                    }
                    sink.add(throughSink(broker, client, payloads, batch, window, gzip));
                    if (!plainFirst) {
                        noOp.add(throughNoOpSink(broker, client, messages, batch, window));
                    }
                    Progress.log("batch %d, round %d/%d: end to end %.0f rows/s, no-op SDK sink %.0f msg/s"
                                 + " (%.0f %%)", batch, round, rounds, sink.last(), noOp.last(),
                            100 * sink.last() / noOp.last());
                }
                results.add(new BenchResult(name(), "connector_write_vs_http_insert_" + batch, connector.median(),
                        plain.median(), "rows/s"));
                results.add(new BenchResult(name(), "sink_vs_noop_sdk_sink_" + batch, sink.median(), noOp.median(),
                        "rows/s"));
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + database);
        }
        return results;
    }

    /** Rows per second of the connector's {@code processBatch} on in-memory records, batches of {@code batch}. */
    private double throughConnectorOnly(List<String> payloads, int batch, boolean gzip) throws Exception {
        String table = createTable();
        String topic = "/default/bench-" + table;
        List<SinkRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new SinkRecord("bench", topic, topic, Integer.toString(i), i, System.currentTimeMillis(), "bench",
                    null, Map.of(), null, payloads.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        ClickHouseSinkConnector connector = new ClickHouseSinkConnector();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            connector.initialize(ConnectorContext.of(config(null, table, topic, batch, gzip), camel));
            connector.start();
            long start = System.nanoTime();
            for (int from = 0; from < records.size(); from += batch) {
                connector.processBatch(records.subList(from, Math.min(records.size(), from + batch)));
            }
            double rate = records.size() / ((System.nanoTime() - start) / 1e9);
            connector.shutdown();
            requireRows(table, records.size());
            return rate;
        }
    }

    /** Rows per second of a plain HTTP JSONEachRow insert of the same payloads, one request per batch. */
    private double throughPlainHttp(List<String> payloads, int batch) throws Exception {
        String table = createTable();
        URI insert = URI.create(URL + "/?query=" + URLEncoder.encode("INSERT INTO " + database + "." + table
                + " FORMAT JSONEachRow", StandardCharsets.UTF_8)
                + "&input_format_skip_unknown_fields=1&date_time_input_format=best_effort");
        long start = System.nanoTime();
        for (int from = 0; from < payloads.size(); from += batch) {
            String body = String.join("\n", payloads.subList(from, Math.min(payloads.size(), from + batch))) + "\n";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(insert)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("plain insert failed: " + response.body());
            }
        }
        double rate = payloads.size() / ((System.nanoTime() - start) / 1e9);
        requireRows(table, payloads.size());
        return rate;
    }

    /** Rows per second from the first send until the connector in the SDK runtime wrote the last batch. */
    private double throughSink(EmbeddedDanube broker, DanubeClient client, List<String> payloads, int batch,
                               int window, boolean gzip) throws Exception {
        String table = createTable();
        String topic = "/default/bench-" + table;
        CountingClickHouseSink sink = new CountingClickHouseSink();
        double rate = publishThrough(client, topic, new SinkRuntime(sink, config(broker, table, topic, batch, gzip)),
                payloads.size(), window, i -> payloads.get((int) i), sink.written::get);
        requireRows(table, payloads.size());
        return rate;
    }

    /** Messages per second through the SDK runtime with a sink that writes nothing. */
    private double throughNoOpSink(EmbeddedDanube broker, DanubeClient client, int messages, int batch, int window)
            throws Exception {
        String topic = "/default/bench-noop-" + ++tables;
        NoOpSink sink = new NoOpSink(topic);
        ConnectorConfig config = ConnectorConfig.builder().danubeServiceUrl(broker.serviceUrl())
                .connectorName("bench-noop-" + tables).processing(processing(batch)).build();
        return publishThrough(client, topic, new SinkRuntime(sink, config), messages, window,
                ClickHouseSinkScenario::payload, sink::written);
    }

    private static double publishThrough(DanubeClient client, String topic, SinkRuntime runtime, int messages,
                                         int window, java.util.function.LongFunction<String> payload,
                                         LongSupplier written) throws Exception {
        try (Producer producer = client.newProducer().topic(topic).name(topic.substring(topic.lastIndexOf('/') + 1)
                + "-writer").dispatchMode(DispatchMode.RELIABLE).maxInFlight(window).create()) {
            runtime.start();
            try {
                await(() -> runtime.health().isReady(),
                        30, "subscription");
                long start = System.nanoTime();
                WindowedLoad.run(messages, window, i -> producer.sendAsync(OutgoingMessage.of(
                        payload.apply(i).getBytes(StandardCharsets.UTF_8))));
                await(() -> written.getAsLong() >= messages, 300, messages + " rows written");
                return messages / ((System.nanoTime() - start) / 1e9);
            } finally {
                runtime.stop();
            }
        }
    }

    private ConnectorConfig config(EmbeddedDanube broker, String table, String topic, int batch, boolean gzip) {
        return ConnectorConfig.builder()
                .danubeServiceUrl(broker == null ? "http://127.0.0.1:6650" : broker.serviceUrl())
                .connectorName("bench-" + table)
                .processing(processing(batch))
                .section("clickhouse", Map.of("url", URL, "database", database, "compression", gzip ? "gzip" : "none",
                        "routes", List.of(Map.of("from", topic, "to", table, "subscription", "bench"))))
                .build();
    }

    private static ProcessingSettings processing(int batch) {
        ProcessingSettings defaults = ProcessingSettings.DEFAULTS;
        return new ProcessingSettings(batch, defaults.batchTimeout(), defaults.batchLinger(), defaults.pollInterval(),
                -1, "127.0.0.1", "warn", defaults.healthCheckInterval(), 3, defaults.shutdownTimeout());
    }

    static String payload(long i) {
        return String.format(Locale.ROOT, "{\"id\":%d,\"device\":\"device-%05d\",\"temperature\":%.2f,"
                                          + "\"humidity\":%.1f,\"status\":\"%s\",\"ts\":\"%s\",\"note\":\"%s\"}",
                i, i % 1000, 15 + (i % 200) * 0.1, 30 + (i % 500) * 0.1, i % 10 == 0 ? "warning" : "ok",
                Instant.ofEpochSecond(1_780_000_000L + i), NOTE);
    }

    /** A fresh MergeTree table in the scratch database. */
    private String createTable() throws IOException, InterruptedException {
        String table = "t" + ++tables;
        execute("CREATE TABLE " + database + "." + table + " (" + COLUMNS + ") ENGINE = MergeTree ORDER BY id");
        return table;
    }

    private void requireRows(String table, long expected) throws Exception {
        long rows = Long.parseLong(execute("SELECT count() FROM " + database + "." + table).trim());
        if (rows != expected) {
            throw new IllegalStateException("table " + table + " holds " + rows + " rows, expected " + expected);
        }
    }

    private static String execute(String statement) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(statement)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(statement + " failed: " + response.body());
        }
        return response.body();
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** The ClickHouse sink, counting the records of every batch it wrote. */
    private static final class CountingClickHouseSink implements SinkConnector {

        final AtomicLong written = new AtomicLong();
        private final ClickHouseSinkConnector delegate = new ClickHouseSinkConnector();

        @Override
        public void initialize(ConnectorContext context) {
            delegate.initialize(context);
        }

        @Override
        public List<ConsumerConfig> consumerConfigs() {
            return delegate.consumerConfigs();
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void processBatch(List<SinkRecord> records) {
            delegate.processBatch(records);
            written.addAndGet(records.size());
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }
    }
}
