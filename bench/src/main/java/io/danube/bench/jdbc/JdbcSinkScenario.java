package io.danube.bench.jdbc;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.DispatchMode;
import io.danube.client.producer.Producer;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.PositionStoringSink;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ProcessingSettings;
import io.danube.connect.jdbc.JdbcSinkConnector;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jdbc-sink}: ~200-byte JSON messages published to a reliable topic on the embedded broker ({@code --window}
 * sends in flight) and written into a PostgreSQL table by the JDBC sink connector in a {@link SinkRuntime} (insert
 * mode, automatic mapping, batches of {@code b}), against a plain JDBC batch insert of the same rows with the same
 * batch size (one transaction per batch, {@code reWriteBatchedInserts}, values already decoded) in the same run. The
 * sink figure runs from the first send (the runtime already subscribed) until the last batch committed. Each round
 * uses a fresh scratch table in the {@code test} database, dropped afterwards. Batch size 1 uses {@code --small}
 * messages so the run finishes. For the largest batch size the sink is also measured with {@code copy = true}
 * (PostgreSQL COPY instead of batched INSERTs) and with {@code delivery = "effectively_once"} (each row's Danube position
 * stored in a position table in the same transaction), both end to end and for the write path alone, against the
 * at-least-once insert figures of the same rounds. The end-to-end figure is bounded by the broker's delivery rate
 * (the sdk-sink scenario's ceiling), so the connector's write path alone is measured too: the same payloads as
 * in-memory records handed to {@code processBatch}, without the broker.
 */
public final class JdbcSinkScenario implements Scenario {

    /**
     * How the sink writes: batched INSERTs at least once, COPY, or batched INSERTs with stored positions on a Shared
     * subscription (the stored positions are asked before every batch) or an Exclusive one (asked only for offsets
     * that may be stored: none, in a run without failures).
     */
    private enum Write {
        INSERT, COPY, EFFECTIVELY_ONCE, EFFECTIVELY_ONCE_EXCLUSIVE;

        boolean effectivelyOnce() {
            return this == EFFECTIVELY_ONCE || this == EFFECTIVELY_ONCE_EXCLUSIVE;
        }
    }

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";
    private static final String SUBSCRIPTION = "bench";
    private static final String COLUMNS = "id bigint, device text, temperature double precision,"
                                          + " humidity double precision, status text, ts timestamptz, note text";

    @Override
    public String name() {
        return "jdbc-sink";
    }

    @Override
    public Set<String> options() {
        return Set.of("messages", "small", "batches", "rounds", "window");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 100_000);
        int small = options.intValue("small", 5_000);
        List<Integer> batches = options.intList("batches", List.of(1, 100, 1000));
        int rounds = options.intValue("rounds", 2);
        int window = options.intValue("window", 256);
        int maxBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1000);
        BrokerConfig brokerConfig = BrokerConfig.builder().maxUnackedMessages(Math.max(2 * maxBatch, 2_000)).build();
        List<BenchResult> results = new ArrayList<>();
        try (EmbeddedDanube broker = EmbeddedDanube.builder().config(brokerConfig).start();
             DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            Progress.log("warming up: 20000 messages, batches of 1000");
            throughSink(broker, client, 20_000, 1000, window, Write.INSERT);
            throughJdbcBatch(20_000, 1000);
            for (int batch : batches) {
                int count = batch == 1 ? Math.min(small, messages) : messages;
                boolean withCopy = batch == maxBatch && batch >= 100;
                Medians sink = new Medians();
                Medians copy = new Medians();
                Medians once = new Medians();
                Medians onceExclusive = new Medians();
                Medians directOnce = new Medians();
                Medians directOnceExclusive = new Medians();
                Medians direct = new Medians();
                Medians jdbc = new Medians();
                for (int round = 1; round <= rounds; round++) {
                    jdbc.add(throughJdbcBatch(count, batch));
                    direct.add(throughConnectorOnly(count, batch, Write.INSERT));
                    Progress.log("batch %d, round %d/%d: connector write path alone %.0f rows/s (%.0f %%)", batch,
                            round, rounds, direct.last(), 100 * direct.last() / jdbc.last());
                    sink.add(throughSink(broker, client, count, batch, window, Write.INSERT));
                    Progress.log("batch %d, round %d/%d: %d rows, sink %.0f rows/s, plain JDBC batch %.0f rows/s"
                                 + " (%.0f %%)", batch, round, rounds, count, sink.last(), jdbc.last(),
                            100 * sink.last() / jdbc.last());
                    if (withCopy) {
                        copy.add(throughSink(broker, client, count, batch, window, Write.COPY));
                        Progress.log("batch %d, round %d/%d: sink with COPY %.0f rows/s (%.0f %%)", batch, round,
                                rounds, copy.last(), 100 * copy.last() / jdbc.last());
                        once.add(throughSink(broker, client, count, batch, window, Write.EFFECTIVELY_ONCE));
                        onceExclusive.add(throughSink(broker, client, count, batch, window,
                                Write.EFFECTIVELY_ONCE_EXCLUSIVE));
                        directOnce.add(throughConnectorOnly(count, batch, Write.EFFECTIVELY_ONCE));
                        directOnceExclusive.add(throughConnectorOnly(count, batch,
                                Write.EFFECTIVELY_ONCE_EXCLUSIVE));
                        Progress.log("batch %d, round %d/%d: effectively once, Shared %.0f rows/s (%.0f %% of at"
                                     + " least once), Exclusive %.0f rows/s (%.0f %%); write path alone, Shared"
                                     + " %.0f rows/s (%.0f %%), Exclusive %.0f rows/s (%.0f %%)", batch, round,
                                rounds, once.last(), 100 * once.last() / sink.last(), onceExclusive.last(),
                                100 * onceExclusive.last() / sink.last(), directOnce.last(),
                                100 * directOnce.last() / direct.last(), directOnceExclusive.last(),
                                100 * directOnceExclusive.last() / direct.last());
                    }
                }
                results.add(new BenchResult(name(), "sink_vs_jdbc_batch_" + batch, sink.median(), jdbc.median(),
                        "rows/s"));
                results.add(new BenchResult(name(), "connector_write_vs_jdbc_batch_" + batch, direct.median(),
                        jdbc.median(), "rows/s"));
                if (withCopy) {
                    results.add(new BenchResult(name(), "sink_copy_vs_jdbc_batch_" + batch, copy.median(),
                            jdbc.median(), "rows/s"));
                    results.add(new BenchResult(name(), "sink_effectively_once_vs_at_least_once_batch_" + batch,
                            once.median(), sink.median(), "rows/s"));
                    results.add(new BenchResult(name(), "sink_effectively_once_exclusive_vs_at_least_once_batch_"
                                                        + batch, onceExclusive.median(), sink.median(), "rows/s"));
                    results.add(new BenchResult(name(), "connector_write_effectively_once_vs_at_least_once_batch_"
                                                        + batch, directOnce.median(), direct.median(), "rows/s"));
                    results.add(new BenchResult(name(),
                            "connector_write_effectively_once_exclusive_vs_at_least_once_batch_" + batch,
                            directOnceExclusive.median(), direct.median(), "rows/s"));
                }
            }
        }
        return results;
    }

    /** Rows per second of the connector writing {@code count} pre-published messages in batches of {@code batch}. */
    private static double throughSink(EmbeddedDanube broker, DanubeClient client, int count, int batch, int window,
                                      Write write) throws Exception {
        String table = scratchTable();
        String topic = "/default/bench-jdbc-" + table;
        execute("CREATE TABLE " + table + " (" + COLUMNS + ")");
        try (Producer producer = client.newProducer().topic(topic).name(table + "-writer")
                .dispatchMode(DispatchMode.RELIABLE).maxInFlight(window).create()) {
            CountingJdbcSink sink = new CountingJdbcSink();
            SinkRuntime runtime = new SinkRuntime(sink, config(broker, table, topic, batch, write));
            runtime.start();
            try {
                await(() -> runtime.health().isReady(),
                        30, "subscription");
                long start = System.nanoTime();
                WindowedLoad.run(count, window, i -> producer.sendAsync(OutgoingMessage.of(
                        payload(i).getBytes(StandardCharsets.UTF_8))));
                await(() -> sink.written.get() >= count, 300, count + " rows written");
                double rate = count / ((System.nanoTime() - start) / 1e9);
                long rows = countRows(table);
                if (rows != count) {
                    throw new IllegalStateException("table " + table + " holds " + rows + " rows, expected " + count);
                }
                return rate;
            } finally {
                runtime.stop();
            }
        } finally {
            execute("DROP TABLE IF EXISTS " + table);
            execute("DROP TABLE IF EXISTS " + positionTable(table));
        }
    }

    /**
     * Rows per second of the connector's write path alone: the same JSON payloads as in-memory records handed to
     * {@code processBatch} in batches of {@code batch} (mapping, Camel {@code sql:} exchange, transaction), no broker.
     */
    private static double throughConnectorOnly(int count, int batch, Write write) throws Exception {
        String table = scratchTable();
        String topic = "/default/bench-jdbc-" + table;
        execute("CREATE TABLE " + table + " (" + COLUMNS + ")");
        List<SinkRecord> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(new SinkRecord(SUBSCRIPTION, topic, topic, Integer.toString(i), i, System.currentTimeMillis(),
                    "bench", null, Map.of(), null, payload(i).getBytes(StandardCharsets.UTF_8)));
        }
        JdbcSinkConnector connector = new JdbcSinkConnector();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            connector.initialize(ConnectorContext.of(config(null, table, topic, batch, write), camel));
            connector.start();
            long start = System.nanoTime();
            for (int from = 0; from < count; from += batch) {
                List<SinkRecord> records = all.subList(from, Math.min(count, from + batch));
                if (write.effectivelyOnce()) {
                    // As the runtime does before each batch: the records already stored are left out.
                    Set<DanubePosition> stored = connector.alreadyStored(records.stream().map(SinkRecord::position)
                            .toList());
                    records = records.stream().filter(record -> !stored.contains(record.position())).toList();
                }
                connector.processBatch(records);
            }
            double rate = count / ((System.nanoTime() - start) / 1e9);
            connector.shutdown();
            long rows = countRows(table);
            if (rows != count) {
                throw new IllegalStateException("table " + table + " holds " + rows + " rows, expected " + count);
            }
            return rate;
        } finally {
            execute("DROP TABLE IF EXISTS " + table);
            execute("DROP TABLE IF EXISTS " + positionTable(table));
        }
    }

    private static String positionTable(String table) {
        return table + "_positions";
    }

    /** Rows per second of a plain JDBC batch insert of the same rows, one transaction per {@code batch} rows. */
    private static double throughJdbcBatch(int count, int batch) throws SQLException {
        String table = scratchTable();
        execute("CREATE TABLE " + table + " (" + COLUMNS + ")");
        try (Connection connection = DriverManager.getConnection(URL + "?reWriteBatchedInserts=true", USER, "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                     + " (id, device, temperature, humidity, status, ts, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                insert.setLong(1, i);
                insert.setString(2, device(i));
                insert.setDouble(3, temperature(i));
                insert.setDouble(4, humidity(i));
                insert.setString(5, status(i));
                insert.setObject(6, timestamp(i));
                insert.setString(7, NOTE);
                insert.addBatch();
                if ((i + 1) % batch == 0 || i == count - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            execute("DROP TABLE IF EXISTS " + table);
        }
    }

    private static ConnectorConfig config(EmbeddedDanube broker, String table, String topic, int batch,
                                          Write write) {
        ProcessingSettings defaults = ProcessingSettings.DEFAULTS;
        return ConnectorConfig.builder()
                .danubeServiceUrl(broker == null ? "http://127.0.0.1:6650" : broker.serviceUrl())
                .connectorName("bench-" + table)
                .processing(new ProcessingSettings(batch, defaults.batchTimeout(), defaults.batchLinger(),
                        defaults.pollInterval(), -1, "127.0.0.1", "warn", defaults.healthCheckInterval(), 3,
                        defaults.shutdownTimeout()))
                .section("jdbc", Map.of("url", URL, "user", USER, "pool_size", 2,
                        "position_table", positionTable(table),
                        "routes", List.of(Map.of("from", topic, "to", table, "subscription", SUBSCRIPTION,
                                "subscription_type", write == Write.EFFECTIVELY_ONCE_EXCLUSIVE ? "Exclusive"
                                        : "Shared", "copy", write == Write.COPY, "delivery",
                                write.effectivelyOnce() ? "effectively_once" : "at_least_once"))))
                .build();
    }

    private static final String NOTE = "x".repeat(40);

    static String payload(long i) {
        return String.format(Locale.ROOT, "{\"id\":%d,\"device\":\"%s\",\"temperature\":%.2f,\"humidity\":%.1f,"
                                          + "\"status\":\"%s\",\"ts\":\"%s\",\"note\":\"%s\"}",
                i, device(i), temperature(i), humidity(i), status(i), timestamp(i), NOTE);
    }

    private static String device(long i) {
        return String.format(Locale.ROOT, "device-%05d", i % 1000);
    }

    private static double temperature(long i) {
        return Math.round((15 + (i % 200) * 0.1) * 100) / 100.0;
    }

    private static double humidity(long i) {
        return Math.round((30 + (i % 500) * 0.1) * 10) / 10.0;
    }

    private static String status(long i) {
        return i % 10 == 0 ? "warning" : "ok";
    }

    private static OffsetDateTime timestamp(long i) {
        return Instant.ofEpochSecond(1_780_000_000L + i).atOffset(ZoneOffset.UTC);
    }

    private static String scratchTable() {
        return "bench_jdbc_sink_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long countRows(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** The JDBC sink, counting the records of every batch it committed. */
    private static final class CountingJdbcSink implements SinkConnector, PositionStoringSink {

        final AtomicLong written = new AtomicLong();
        private final JdbcSinkConnector delegate = new JdbcSinkConnector();

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
        public boolean storesPositions(ConsumerConfig consumer) {
            return delegate.storesPositions(consumer);
        }

        @Override
        public Set<DanubePosition> alreadyStored(List<DanubePosition> positions) {
            return delegate.alreadyStored(positions);
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
