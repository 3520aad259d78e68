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
 * directory, which a test may stop and start again without touching the shared server on 8123. With TLS it also
 * serves HTTPS with a self-signed certificate for 127.0.0.1 made by {@code openssl}.
 */
final class PrivateClickHouse implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/clickhouse-server";

    private final Path directory;
    private final Path config;
    private final int httpPort;
    private final int httpsPort;
    private Process process;

    private PrivateClickHouse(Path directory, int httpPort, int tcpPort, int httpsPort) throws IOException {
        this.directory = directory;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.config = directory.resolve("config.xml");
        String tls = httpsPort == 0 ? "" : """
                  <https_port>%2$d</https_port>
                  <openSSL><server>
                    <certificateFile>%1$s/server.crt</certificateFile><privateKeyFile>%1$s/server.key</privateKeyFile>
                    <verificationMode>none</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile>
                  </server></openSSL>
                """.formatted(directory, httpsPort);
        Files.writeString(config, """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>warning</level><log>%1$s/log/server.log</log><errorlog>%1$s/log/error.log</errorlog>
                  </logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                %4$s                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>/etc/clickhouse-server/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <mark_cache_size>268435456</mark_cache_size>
                </yandex>
                """.formatted(directory, httpPort, tcpPort, tls));
    }

    /** Starts a new server (the shared one is made sure to exist first: it brings the binary). */
    static PrivateClickHouse start() {
        return start(false);
    }

    /** Starts a new server that also serves HTTPS with a self-signed certificate ({@link #certificate()}). */
    static PrivateClickHouse startWithTls() {
        return start(true);
    }

    private static PrivateClickHouse start(boolean tls) {
        ClickHouseServer.shared();
        try {
            Path directory = Files.createTempDirectory("clickhouse-sink-test");
            if (tls) {
                selfSignedCertificate(directory);
            }
            PrivateClickHouse server = new PrivateClickHouse(directory, freePort(), freePort(),
                    tls ? freePort() : 0);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a private clickhouse-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a certificate", e);
        }
    }

    private static void selfSignedCertificate(Path directory) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", directory.resolve("server.key").toString(),
                "-out", directory.resolve("server.crt").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make a certificate; see "
                                            + directory.resolve("openssl.log"));
        }
    }

    /** The self-signed certificate (PEM) the HTTPS port presents. */
    Path certificate() {
        return directory.resolve("server.crt");
    }

    String httpsUrl() {
        return "https://127.0.0.1:" + httpsPort;
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
                .until(() -> ClickHouseServer.portOpen(httpPort) && (httpsPort == 0
                                                                     || ClickHouseServer.portOpen(httpsPort))
                             || !process.isAlive());
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
