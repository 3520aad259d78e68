package io.danube.connect.jdbc;

import io.danube.client.DanubeClient;
import io.danube.client.producer.Producer;
import io.danube.connect.launcher.ConnectLauncher;
import io.danube.embedded.EmbeddedDanubeMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Effectively-once delivery under kill -9, with everything in processes of its own: the embedded broker (a child JVM
 * with a data directory, restarted on the same directory and port) and the JDBC sink (a child JVM through the
 * launcher), writing into the real PostgreSQL. The sink is killed while it writes, restarted, then the broker is
 * killed and restarted: every message is in the table exactly once.
 */
class ProcessKillTest {

    private static final int MESSAGES = 4_000;
    private static PostgresDatabase database;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private int port;

    @BeforeAll
    static void createDatabase() {
        database = PostgresDatabase.create("jdbc_sink_kill");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @AfterEach
    void killProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process broker(int run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("broker-" + run + ".log");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), EmbeddedDanubeMain.class.getName(),
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--data-dir", dir.resolve("broker").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        await("broker " + run + " ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.readString(log).contains("Danube embedded broker ready at"));
        return process;
    }

    private Process sink(Path config, int run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sink-" + run + ".log").toFile());
        builder.environment().put("LOG_FORMAT", "text");
        builder.environment().remove("METRICS_PORT");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    @Test
    void killingTheSinkAndThenTheBrokerMidStreamLeavesEachMessageExactlyOnce() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String table = "kill_" + Long.toHexString(System.nanoTime());
        String topic = "/default/kill-" + table;
        Path config = dir.resolve("sink.toml");
        Files.writeString(config, """
                danube_service_url = "http://127.0.0.1:%d"
                connector_name = "kill-test"
                connector_class = "%s"

                [retry]
                max_retries = 20
                retry_backoff_ms = 100
                max_backoff_ms = 1000

                [processing]
                batch_size = 200
                batch_timeout_ms = 200
                metrics_port = 0
                metrics_host = "127.0.0.1"

                [jdbc]
                url = "%s"
                user = "postgres"

                [[jdbc.routes]]
                from = "%s"
                subscription = "kill-test"
                subscription_type = "Exclusive"
                consumer_name = "kill-test"
                to = "%s"
                auto_create = true
                delivery = "effectively_once"
                """.formatted(port, JdbcSinkConnector.class.getName(), database.url(), topic, table));
        Process broker = broker(1);
        Process sink = sink(config, 1);
        await("the first sink subscribed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.readString(dir.resolve("sink-1.log")).contains("Connector kill-test started"));
        try (DanubeClient client = DanubeClient.builder().serviceUrl("http://127.0.0.1:" + port).build();
             Producer producer = client.newProducer().topic(topic).name("kill-writer").reliable().create()) {
            SinkTestSupport.publish(producer, IntStream.range(0, MESSAGES)
                    .mapToObj(i -> "{\"id\":" + i + ",\"note\":\"message " + i + "\"}").toList());
        }
        await("the first sink wrote some rows").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> rows(table) > 0);
        kill9(sink);
        long afterSinkKill = rows(table);

        sink(config, 2);
        await("the second sink wrote more rows").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> rows(table) > afterSinkKill);
        kill9(broker);
        long afterBrokerKill = rows(table);
        broker(2);

        await("every message in the table").atMost(Duration.ofSeconds(120))
                .until(() -> rows(table) >= MESSAGES);
        assertThat(afterBrokerKill).as("the broker was killed mid-stream").isLessThan(MESSAGES);
        assertThat(rows(table)).isEqualTo(MESSAGES);
        assertThat(database.queryLongs("SELECT count(DISTINCT id) FROM " + table)).containsExactly((long) MESSAGES);
    }

    /** Rows in {@code table}; 0 while the sink has not created it. */
    private static long rows(String table) {
        boolean exists = database.queryLongs("SELECT count(*) FROM pg_class WHERE relname = '" + table + "'")
                .get(0) > 0;
        return exists ? database.count(table) : 0;
    }
}
