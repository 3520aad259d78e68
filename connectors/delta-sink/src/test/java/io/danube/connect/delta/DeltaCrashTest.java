package io.danube.connect.delta;

import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.launcher.ConnectLauncher;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import io.danube.embedded.FailurePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector as operators run it (the launcher in a child JVM) killed with SIGKILL three times at random
 * points while it writes 20 000 messages of an Exclusive subscription (published in four chunks, one before each kill
 * and one after the last restart), then left to finish: every message is in the table
 * exactly once (the {@code txn} versions make the restarted sink skip what Danube delivers again) and the
 * {@code _delta_log} has no gaps.
 */
class DeltaCrashTest {

    private static final int MESSAGES = 20_000;

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(BrokerConfig.builder()
            .failurePolicy(FailurePolicy.defaults().withAckTimeout(Duration.ofSeconds(30))
                    .withRedeliveryDelays(Duration.ofMillis(50), Duration.ofMillis(300)).withMaxRedeliveryCount(1_000))
            .heartbeatInterval(Duration.ofMillis(100))
            .maxUnackedMessages(5_000)
            .build());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private Process connector;

    @AfterEach
    void stopConnector() {
        if (connector != null) {
            connector.destroyForcibly();
        }
    }

    @Test
    void killedAtRandomPointsTheSinkStillWritesEveryMessageExactlyOnce() throws Exception {
        String topic = "/default/delta-crash";
        Path table = dir.resolve("crash-table");
        Path config = dir.resolve("crash.toml");
        Files.writeString(config, """
                danube_service_url = "%s"
                connector_name = "delta-crash"
                connector_class = "%s"
                [retry]
                max_retries = 5
                retry_backoff_ms = 50
                max_backoff_ms = 500
                [processing]
                batch_size = 500
                batch_timeout_ms = 200
                metrics_port = 0
                metrics_host = "127.0.0.1"
                [deltalake]
                checkpoint_interval = 5
                [[deltalake.routes]]
                from = "%s"
                subscription = "crash"
                subscription_type = "Exclusive"
                to = "%s"
                metadata_columns = true
                [[deltalake.routes.columns]]
                column = "n"
                type = "long"
                required = true
                """.formatted(DANUBE.serviceUrl(), DeltaSinkConnector.class.getName(), topic, table));
        Random random = new Random();
        try (DanubeClient client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
             Producer producer = client.newProducer().topic(topic).name("crash-writer").reliable().create()) {
            connector = launch(config, "run-0.log");
            await("table created once subscribed").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(50))
                    .until(() -> versions(table) >= 1);
            int chunk = MESSAGES / 4;
            for (int kill = 0; kill < 3; kill++) {
                // counted before publishing: a fast sink may commit the whole chunk (about ten commits) before a
                // count taken afterwards, which would then wait for commits that never come
                long target = versions(table) + 1 + random.nextInt(4);
                publish(producer, kill * chunk, (kill + 1) * chunk);
                await("sink committing").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(10))
                        .until(() -> versions(table) >= target);
                connector.destroyForcibly().waitFor();
                connector = launch(config, "run-" + (kill + 1) + ".log");
            }
            publish(producer, 3 * chunk, MESSAGES);
        }

        await("every message in the table").atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(500))
                .until(() -> rowsOf(table) >= MESSAGES);

        DeltaLog log = DeltaLog.read(table);
        assertThat(log.gapless()).isTrue();
        assertThat(DuckDbReader.query(log, "SELECT count(*), count(DISTINCT danube_offset), count(DISTINCT n),"
                                           + " min(n), max(n) FROM rows"))
                .containsExactly(List.of((long) MESSAGES, (long) MESSAGES, (long) MESSAGES, 0L, MESSAGES - 1L));
        assertThat(KernelReader.column(table, "danube_offset")).hasSize(MESSAGES).doesNotHaveDuplicates();
    }

    private static void publish(Producer producer, int from, int to) {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = from; i < to; i++) {
            pending.add(producer.sendAsync(OutgoingMessage.of("{\"n\":" + i + "}")));
            if (pending.size() == 500) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    private static long versions(Path table) throws IOException {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (var files = Files.list(log)) {
            return files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json")).count();
        }
    }

    private static long rowsOf(Path table) throws Exception {
        if (versions(table) == 0) {
            return 0;
        }
        return (Long) DuckDbReader.query(DeltaLog.read(table), "SELECT count(*) FROM rows").get(0).get(0);
    }

    private Process launch(Path config, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("LOG_LEVEL", "warn");
        return builder.start();
    }
}
