package io.danube.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The embedded broker as a process of its own ({@code ./danube-connect broker --port P --data-dir D}). */
final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path log;
    private final int port;
    private LocalProcess process;

    BrokerProcess(Path dir) {
        this.dataDir = dir.resolve("broker-data");
        this.log = dir.resolve("broker.log");
        this.port = LocalProcess.freePort();
    }

    BrokerProcess start() {
        process = LocalProcess.start("broker", LocalProcess.java("io.danube.embedded.EmbeddedDanubeMain",
                List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString())), Map.of(), log);
        process.awaitPort(port, Duration.ofSeconds(60));
        return this;
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + port;
    }

    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }
}
