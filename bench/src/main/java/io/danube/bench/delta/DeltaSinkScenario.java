package io.danube.bench.delta;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.delta.DeltaSinkConnector;
import io.danube.embedded.EmbeddedDanube;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hadoop.conf.Configuration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Delta sink write path: the connector as the SDK runtime drives it per batch ({@code alreadyStored}, then
 * {@code processBatch}; Exclusive route, so every commit carries a txn action) on in-memory records vs a plain Delta
 * Kernel append loop writing the same payloads in the same batches, into fresh tables in a temporary directory. Per
 * batch size one uncounted warm-up round per side, then rounds alternating which side runs first; medians. Both
 * tables have the same checkpoint interval and both sides run Kernel's post-commit hooks, so both write the same
 * commits, checkpoints and checksum files (printed per round).
 */
public final class DeltaSinkScenario implements Scenario {

    private static final String TOPIC = "/default/bench-delta";
    private static final int CHECKPOINT_INTERVAL = 10;

    @Override
    public String name() {
        return "delta-sink";
    }

    @Override
    public Set<String> options() {
        return Set.of("messages", "batches", "rounds");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 100_000);
        List<Integer> batches = options.intList("batches", List.of(1000, 10_000));
        int rounds = options.intValue("rounds", 3);
        List<byte[]> payloads = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            payloads.add(("{\"id\":" + i + ",\"device\":\"device-" + (i % 50) + "\",\"value\":" + (i * 0.25)
                          + ",\"ok\":\"" + (i % 7 != 0) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        Path dir = Files.createTempDirectory("delta-bench");
        List<BenchResult> results = new ArrayList<>();
        try (EmbeddedDanube broker = EmbeddedDanube.start()) {
            Engine engine = DefaultEngine.create(new Configuration());
            for (int batch : batches) {
                Medians connectorRates = new Medians();
                Medians plainRates = new Medians();
                Progress.log("batch %d: warming up (one uncounted round per side)", batch);
                connector(broker, dir.resolve("warm-connector-" + batch), payloads, batch);
                plain(engine, dir.resolve("warm-plain-" + batch), payloads, batch);
                for (int round = 0; round < rounds; round++) {
                    Path connectorTable = dir.resolve("c-" + batch + "-" + round);
                    Path plainTable = dir.resolve("p-" + batch + "-" + round);
                    if (round % 2 == 0) {
                        connectorRates.add(connector(broker, connectorTable, payloads, batch));
                        plainRates.add(plain(engine, plainTable, payloads, batch));
                    } else {
                        plainRates.add(plain(engine, plainTable, payloads, batch));
                        connectorRates.add(connector(broker, connectorTable, payloads, batch));
                    }
                    Progress.log("batch %d, round %d/%d: connector %.0f rows/s, plain Kernel loop %.0f rows/s",
                            batch, round + 1, rounds, connectorRates.last(), plainRates.last());
                    Progress.log("  connector table: %s; plain table: %s", TableFiles.of(connectorTable),
                            TableFiles.of(plainTable));
                }
                results.add(new BenchResult(name(), "write_path_rows_per_s_batch_" + batch, connectorRates.median(),
                        plainRates.median(), "rows/s"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return results;
    }

    private static double connector(EmbeddedDanube broker, Path table, List<byte[]> payloads, int batch)
            throws Exception {
        List<SinkRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new SinkRecord("bench", TOPIC, TOPIC, Integer.toString(i), i, System.currentTimeMillis(),
                    "bench", null, Map.of(), null, payloads.get(i)));
        }
        List<List<DanubePosition>> positions = new ArrayList<>();
        for (int from = 0; from < records.size(); from += batch) {
            positions.add(records.subList(from, Math.min(records.size(), from + batch)).stream()
                    .map(SinkRecord::position).toList());
        }
        Map<String, Object> route = Map.of("from", TOPIC, "to", table.toString(), "subscription_type", "Exclusive",
                "columns", List.of(Map.of("column", "id", "type", "long", "required", true),
                        Map.of("column", "device", "type", "string"), Map.of("column", "value", "type", "double"),
                        Map.of("column", "ok", "type", "string")));
        DeltaSinkConnector connector = new DeltaSinkConnector();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            connector.initialize(ConnectorContext.of(ConnectorConfig.builder().danubeServiceUrl(broker.serviceUrl())
                    .connectorName("delta-bench").section("deltalake", Map.of("routes", List.of(route),
                            "checkpoint_interval", CHECKPOINT_INTERVAL)).build(),
                    camel));
            connector.start();
            long start = System.nanoTime();
            for (int from = 0, index = 0; from < records.size(); from += batch, index++) {
                if (!connector.alreadyStored(positions.get(index)).isEmpty()) {
                    throw new IllegalStateException("Fresh table reports stored positions");
                }
                connector.processBatch(records.subList(from, Math.min(records.size(), from + batch)));
            }
            double rate = records.size() / ((System.nanoTime() - start) / 1e9);
            connector.shutdown();
            return rate;
        }
    }

    private static double plain(Engine engine, Path table, List<byte[]> payloads, int batch) throws Exception {
        PlainKernelAppender appender = new PlainKernelAppender(engine, table.toString(), CHECKPOINT_INTERVAL);
        long start = System.nanoTime();
        for (int from = 0; from < payloads.size(); from += batch) {
            appender.append(payloads.subList(from, Math.min(payloads.size(), from + batch)));
        }
        double rate = payloads.size() / ((System.nanoTime() - start) / 1e9);
        TableManager.loadSnapshot(table.toString()).build(engine);
        return rate;
    }
}
