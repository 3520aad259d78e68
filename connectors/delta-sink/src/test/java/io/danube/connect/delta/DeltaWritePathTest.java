package io.danube.connect.delta;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConnectorConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector's write path called directly with records, the tables read back by DuckDB and Delta Kernel. */
class DeltaWritePathTest {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    private static final String TOPIC = "/default/readings";

    @TempDir
    Path dir;
    private CamelContext camel;
    private DeltaSinkConnector connector;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    private DeltaSinkConnector start(Map<String, Object> route, Object... settings) {
        Map<String, Object> deltalake = new LinkedHashMap<>();
        deltalake.put("routes", List.of(route));
        for (int i = 0; i < settings.length; i += 2) {
            deltalake.put((String) settings[i], settings[i + 1]);
        }
        DeltaSinkConnector sink = new DeltaSinkConnector();
        sink.initialize(ConnectorContext.of(ConnectorConfig.builder().danubeServiceUrl(DANUBE.serviceUrl())
                .connectorName("delta-write-path").section("deltalake", deltalake).build(), camel));
        sink.start();
        return sink;
    }

    private Map<String, Object> route(Path table, Object... keyValues) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("from", TOPIC);
        route.put("to", table.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            route.put((String) keyValues[i], keyValues[i + 1]);
        }
        return route;
    }

    private static Map<String, Object> column(String column, String type, boolean required) {
        return Map.of("column", column, "type", type, "required", required);
    }

    private static SinkRecord record(String partition, long offset, String payload) {
        return new SinkRecord("delta-test", TOPIC, partition, "m" + offset, offset, 1_780_000_000_000L + offset,
                "writer", null, Map.of(), null, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SinkRecord> readings(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> record(TOPIC, i,
                "{\"device\":\"d-" + (i % 3) + "\",\"value\":" + (i * 0.5) + ",\"count\":" + i + "}")).toList();
    }

    @Test
    void aBatchBecomesOneCommitWhoseRowsDuckDbAndKernelReadBack() throws Exception {
        Path table = dir.resolve("readings");
        connector = start(route(table, "columns", List.of(column("device", "string", true),
                column("value", "double", false), column("count", "long", false)), "metadata_columns", true));

        connector.processBatch(readings(0, 500));

        DeltaLog log = DeltaLog.read(table);
        assertThat(log.versions()).containsExactly(0L, 1L);
        assertThat(DuckDbReader.query(log, "SELECT count(*), count(DISTINCT danube_offset), sum(count)::BIGINT, min(device),"
                                           + " max(danube_topic) FROM rows"))
                .containsExactly(List.of(500L, 500L, 124_750L, "d-0", TOPIC));
        assertThat(DuckDbReader.query(log, "SELECT device, value, count FROM rows WHERE danube_offset = 7"))
                .containsExactly(List.of("d-1", 3.5, 7L));
        assertThat(KernelReader.column(table, "danube_offset")).hasSize(500).doesNotHaveDuplicates();
        assertThat(log.txnActions()).hasSize(1);
        assertThat(log.txnActions().get(0).get("version").asLong()).isEqualTo(499);
        assertThat(log.txnActions().get(0).get("appId").asText()).isEqualTo("delta-write-path/delta-test@" + TOPIC);
    }

    @Test
    void aReplayedBatchIsRecognisedAsAlreadyStoredAndOnlyTheRestIsWritten() throws Exception {
        Path table = dir.resolve("replayed");
        connector = start(route(table));
        connector.processBatch(readings(0, 300));

        List<SinkRecord> replay = readings(200, 400);
        Set<DanubePosition> stored = connector.alreadyStored(replay.stream().map(SinkRecord::position).toList());
        assertThat(stored).hasSize(100).allMatch(position -> position.offset() < 300);
        connector.processBatch(replay.stream().filter(record -> !stored.contains(record.position())).toList());

        DeltaLog log = DeltaLog.read(table);
        assertThat(DuckDbReader.query(log, "SELECT count(*), count(DISTINCT count), max(count) FROM rows"))
                .containsExactly(List.of(400L, 400L, 399L));
        assertThat(log.gapless()).isTrue();
    }

    @Test
    void aBatchAnotherWriterStoredMeanwhileFailsAsRetryableAndTheRetryFindsItStored() throws Exception {
        Map<String, Object> route = route(dir.resolve("two-writers"), "columns", List.of(column("count", "long",
                true)));
        connector = start(route);
        DeltaSinkConnector other = start(route);
        List<SinkRecord> batch = readings(0, 100);
        List<DanubePosition> positions = batch.stream().map(SinkRecord::position).toList();
        assertThat(connector.alreadyStored(positions)).isEmpty();

        other.processBatch(batch);

        assertThatThrownBy(() -> connector.processBatch(batch)).isInstanceOf(RetryableException.class)
                .hasMessageContaining("conflicted with another writer");
        assertThat(connector.alreadyStored(positions)).hasSize(100);
        DeltaLog log = DeltaLog.read(dir.resolve("two-writers"));
        assertThat(log.txnActions()).hasSize(1);
        assertThat(DuckDbReader.query(log, "SELECT count(*), count(DISTINCT count) FROM rows"))
                .containsExactly(List.of(100L, 100L));
    }

    @Test
    void aMessageDeliveredTwiceInOneBatchIsWrittenOnce() throws Exception {
        Path table = dir.resolve("twice");
        connector = start(route(table));
        List<SinkRecord> batch = new ArrayList<>(readings(0, 50));
        batch.addAll(readings(20, 30));

        connector.processBatch(batch);

        assertThat(DuckDbReader.query(DeltaLog.read(table), "SELECT count(*), count(DISTINCT count) FROM rows"))
                .containsExactly(List.of(50L, 50L));
    }

    @Test
    void withoutConfiguredColumnsTheSchemaIsInferredFromTheFirstBatchAndThenFixed() throws Exception {
        Path table = dir.resolve("inferred");
        connector = start(route(table));

        connector.processBatch(readings(0, 10));
        assertThat(KernelReader.snapshot(table).getSchema().fieldNames()).containsExactly("device", "value", "count");

        assertThatThrownBy(() -> connector.processBatch(List.of(record(TOPIC, 10,
                "{\"device\":\"d-1\",\"value\":\"high\",\"count\":10}"), record(TOPIC, 11,
                "{\"device\":\"d-2\",\"value\":1.5,\"count\":11}"))))
                .isInstanceOfSatisfying(RejectedRecordsException.class, rejected -> {
                    assertThat(rejected.rejections()).hasSize(1);
                    assertThat(rejected.rejections().get(0).record().offset()).isEqualTo(10);
                    assertThat(rejected.rejections().get(0).reason().getMessage())
                            .contains("Column value (double)").contains("expected a number");
                });
        assertThat(KernelReader.column(table, "count")).containsExactlyInAnyOrderElementsOf(
                List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 11L));
    }

    @Test
    void aMissingRequiredValueOrANonJsonPayloadIsRejectedWithItsReason() {
        connector = start(route(dir.resolve("strict"), "columns", List.of(column("device", "string", true))));

        assertThatThrownBy(() -> connector.processBatch(List.of(record(TOPIC, 0, "{\"value\":1}"),
                record(TOPIC, 1, "not json"), record(TOPIC, 2, "{\"device\":\"ok\"}"))))
                .isInstanceOfSatisfying(RejectedRecordsException.class, rejected -> {
                    assertThat(rejected.rejections()).extracting(r -> r.record().offset()).containsExactly(0L, 1L);
                    assertThat(rejected.rejections().get(0).reason().getMessage()).contains(
                            "Column device is not nullable but $.device is missing or null");
                    assertThat(rejected.rejections().get(1).reason().getMessage()).contains("Payload is not JSON");
                });
    }

    @Test
    void partitionColumnsSplitTheFilesIntoDirectoriesNamedInTheLog() throws Exception {
        Path table = dir.resolve("partitioned");
        connector = start(route(table, "columns", List.of(column("device", "string", true),
                column("count", "long", false)), "partition_columns", List.of("device")));

        connector.processBatch(readings(0, 90));

        DeltaLog log = DeltaLog.read(table);
        assertThat(log.dataFiles()).hasSize(3).allMatch(file -> file.getParent().getFileName().toString()
                .startsWith("device=d-"));
        assertThat(DuckDbReader.query(log, "SELECT device, count(*) FROM rows GROUP BY device ORDER BY device"))
                .containsExactly(List.of("d-0", 30L), List.of("d-1", 30L), List.of("d-2", 30L));
    }

    @Test
    void everyPartitionTopicGetsItsOwnCommitAndTransactionVersion() throws Exception {
        Path table = dir.resolve("two-partitions");
        connector = start(route(table));
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(record(TOPIC + "-part-" + (i % 2), i / 2, "{\"n\":" + i + "}"));
        }

        connector.processBatch(batch);

        assertThat(connector.alreadyStored(batch.stream().map(SinkRecord::position).toList())).hasSize(20);
        DeltaLog log = DeltaLog.read(table);
        assertThat(log.txnActions()).extracting(txn -> txn.get("appId").asText().replaceAll(".*@", ""))
                .containsExactly(TOPIC + "-part-0", TOPIC + "-part-1");
        assertThat(DuckDbReader.query(log, "SELECT count(*), count(DISTINCT n) FROM rows"))
                .containsExactly(List.of(20L, 20L));
    }

    @Test
    void aCheckpointIsWrittenEveryConfiguredNumberOfCommits() throws Exception {
        Path table = dir.resolve("checkpointed");
        connector = start(route(table), "checkpoint_interval", 3);

        for (int i = 0; i < 7; i++) {
            connector.processBatch(readings(i * 10, i * 10 + 10));
        }

        try (var files = Files.list(table.resolve("_delta_log"))) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.contains("checkpoint"))
                    .sorted().toList()).contains("00000000000000000003.checkpoint.parquet",
                    "00000000000000000006.checkpoint.parquet");
        }
        assertThat(KernelReader.column(table, "count")).hasSize(70).doesNotHaveDuplicates();
    }
}
