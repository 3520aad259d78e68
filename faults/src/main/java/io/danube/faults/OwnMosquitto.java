package io.danube.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The suite's own Mosquitto on a private loopback port with a persistent store (queued QoS 1 messages of a persistent
 * session survive a restart), raised in-flight and queue limits.
 */
final class OwnMosquitto implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private LocalProcess process;

    private OwnMosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static OwnMosquitto start(Path parent) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("the fault suite needs its own Mosquitto: " + BINARY + " not found");
        }
        try {
            Path dir = Files.createDirectories(parent.resolve("mosquitto"));
            int port = LocalProcess.freePort();
            Files.writeString(dir.resolve("mosquitto.conf"), """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    user root
                    persistence true
                    persistence_location %s/
                    autosave_interval 1
                    max_inflight_messages 1000
                    max_queued_messages 1000000
                    """.formatted(port, dir));
            OwnMosquitto mosquitto = new OwnMosquitto(dir, port);
            mosquitto.launch();
            return mosquitto;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Mosquitto in " + parent, e);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** A graceful restart (SIGTERM saves the store), on the same port and store. */
    void restart() {
        process.stop();
        launch();
    }

    private void launch() {
        process = LocalProcess.start("mosquitto", List.of(BINARY.toString(), "-c",
                dir.resolve("mosquitto.conf").toString()), Map.of(), dir.resolve("mosquitto.log"));
        process.awaitPort(port, Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }
}
