package io.danube.connect.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A clickhouse-server process of its own (the Debian package's binary) on free loopback ports with its own data
 * directory, which a test may stop and start again without touching the shared server on 8123.
 */
final class PrivateClickHouse implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/clickhouse-server";

    private final Path directory;
    private final Path config;
    private final int httpPort;
    private Process process;

    private PrivateClickHouse(Path directory, int httpPort, int tcpPort) throws IOException {
        this.directory = directory;
        this.httpPort = httpPort;
        this.config = directory.resolve("config.xml");
        Files.writeString(config, """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/log/server.log</log><errorlog>%1$s/log/error.log</errorlog></logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>/etc/clickhouse-server/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <mark_cache_size>268435456</mark_cache_size>
                </yandex>
                """.formatted(directory, httpPort, tcpPort));
    }

    /** Starts a new server (the shared one is made sure to exist first: it brings the binary). */
    static PrivateClickHouse start() {
        ClickHouseServer.shared();
        try {
            PrivateClickHouse server = new PrivateClickHouse(Files.createTempDirectory("clickhouse-sink-test"),
                    freePort(), freePort());
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a private clickhouse-server", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    ClickHouseServer server() {
        return new ClickHouseServer(url());
    }

    void startProcess() throws IOException {
        process = new ProcessBuilder(BINARY, "--config-file=" + config).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve("console.log").toFile()).start();
        await("private ClickHouse up").atMost(Duration.ofSeconds(30))
                .until(() -> ClickHouseServer.portOpen(httpPort) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("clickhouse-server exited with " + process.exitValue() + "; see "
                                            + directory.resolve("console.log"));
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and waits until its port is closed. */
    void stopProcess() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        await("private ClickHouse down").atMost(Duration.ofSeconds(10))
                .until(() -> !ClickHouseServer.portOpen(httpPort));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            stopProcess();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
