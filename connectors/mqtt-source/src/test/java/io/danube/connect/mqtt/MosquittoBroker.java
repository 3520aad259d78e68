package io.danube.connect.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process of the test's own on a free loopback port, with raised in-flight and queue limits (the stock
 * ones drop QoS 1 messages under load), optionally a TLS listener with the given PEM files and persistence to disk.
 * {@link #stop()} and {@link #start()} keep the port, so clients can reconnect.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final String tlsLines;
    private final boolean persistent;
    private Process process;

    private MosquittoBroker(Path dir, String tlsLines, boolean persistent) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.tlsLines = tlsLines;
        this.persistent = persistent;
    }

    static MosquittoBroker plain(Path dir) throws IOException {
        return new MosquittoBroker(dir, "", false).start();
    }

    static MosquittoBroker persistent(Path dir) throws IOException {
        return new MosquittoBroker(dir, "", true).start();
    }

    /** A TLS listener on {@link #port()} and a plain one on {@code plainPort} (for test publishers). */
    static MosquittoBroker tls(Path dir, Path ca, Path cert, Path key, int plainPort) throws IOException {
        return new MosquittoBroker(dir, "cafile " + ca + "\ncertfile " + cert + "\nkeyfile " + key
                                        + "\nlistener " + plainPort + " 127.0.0.1\n", false).start();
    }

    MosquittoBroker start() throws IOException {
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\n" + tlsLines
                + "allow_anonymous true\nuser root\n"
                + "max_inflight_messages 1000\nmax_queued_messages 200000\n"
                + (persistent ? "persistence true\npersistence_location " + dir + "/\nautosave_interval 1\n"
                : "persistence false\n"));
        process = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("mosquitto did not start on port " + port + ": "
                                                + Files.readString(dir.resolve("mosquitto.log")));
            }
            sleep(50);
        }
        return this;
    }

    /** Stops the broker (SIGTERM, so a persistent one saves its state) and waits for it to exit. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    int port() {
        return port;
    }

    String tcpUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
