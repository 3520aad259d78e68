package io.danube.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One connector as a process of its own, run by the launcher ({@code ./danube-connect run <config>}: the launcher's
 * main class with the class path the suite was built with). Counts its starts: the suite restarts a connector only
 * after killing it itself.
 */
final class ConnectorProcess implements AutoCloseable {

    private final String name;
    private final Path config;
    private final Path log;
    private final int metricsPort;
    private LocalProcess process;
    private int starts;

    ConnectorProcess(String name, Path dir, String toml, int metricsPort) {
        this.name = name;
        this.config = dir.resolve(name + ".toml");
        this.log = dir.resolve(name + ".log");
        this.metricsPort = metricsPort;
        try {
            Files.writeString(config, toml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    String name() {
        return name;
    }

    int metricsPort() {
        return metricsPort;
    }

    /** Starts the process and waits until it serves {@code /health}. */
    ConnectorProcess start() {
        process = LocalProcess.start(name, LocalProcess.java("io.danube.connect.launcher.ConnectLauncher",
                List.of("run", config.toString())), Map.of("CONNECTOR_NAME", name, "LOG_FORMAT", "text"), log);
        starts++;
        process.awaitPort(metricsPort, Duration.ofSeconds(90));
        return this;
    }

    boolean alive() {
        return process != null && process.alive();
    }

    /** The fault: SIGKILL. */
    void kill() {
        process.kill();
    }

    /** Restarts that were not the suite's own fault: a process that ended by itself and had to be started again. */
    int starts() {
        return starts;
    }

    String tail() {
        return process == null ? "" : process.tail();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }
}
