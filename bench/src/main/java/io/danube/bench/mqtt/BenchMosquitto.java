package io.danube.bench.mqtt;

import io.danube.bench.Progress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's own Mosquitto on a free loopback port, with in-flight and queue limits raised (the stock ones drop
 * QoS 1 messages under load); falls back to the local one on 127.0.0.1:1883 when no mosquitto binary exists.
 */
final class BenchMosquitto implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path dir;
    private final int port;

    private BenchMosquitto(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static BenchMosquitto start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            Progress.log("no %s: using the shared Mosquitto on 127.0.0.1:1883 (stock limits may drop messages)",
                    BINARY);
            return new BenchMosquitto(null, null, 1883);
        }
        Path dir = Files.createTempDirectory("bench-mosquitto");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\nuser root\n"
                                  + "persistence false\nmax_inflight_messages 1000\nmax_queued_messages 1000000\n");
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("mosquitto did not start: " + Files.readString(dir.resolve(
                        "mosquitto.log")));
            }
            Thread.sleep(20);
        }
        return new BenchMosquitto(process, dir, port);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
