package io.danube.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The suite's own PostgreSQL cluster ({@code initdb} + {@code pg_ctl}) in a temporary directory on a private loopback
 * port, trust authentication. Run as the {@code postgres} user when the suite runs as root (PostgreSQL refuses root).
 */
final class OwnPostgres implements AutoCloseable {

    private static final String SERVICE_USER = "postgres";

    private final Path dir;
    private final int port;
    private boolean running;

    private OwnPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static OwnPostgres start(Path parent) {
        try {
            Path dir = Files.createDirectories(parent.resolve("postgres"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            OwnPostgres postgres = new OwnPostgres(dir, LocalProcess.freePort());
            postgres.run(Duration.ofSeconds(90), "initdb", "-D", postgres.data().toString(), "-A", "trust", "-U",
                    "postgres", "--no-sync");
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL in " + parent, e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** The fault: an immediate shutdown (no checkpoint, like a crash). */
    void crash() {
        run(Duration.ofSeconds(60), "pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
        running = false;
    }

    void startServer() {
        run(Duration.ofSeconds(90), "pg_ctl", "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "80", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir
                        + " -c fsync=off -c max_connections=50", "start");
        running = true;
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(Duration timeout, String... command) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(List.of(command));
        Path log = dir.resolve("pg_ctl.log");
        LocalProcess process = LocalProcess.start(command[0], full, Map.of(), log);
        Deadline deadline = Deadline.in(timeout);
        while (process.alive()) {
            deadline.check(() -> String.join(" ", command) + " did not finish:\n" + process.tail());
            deadline.pause(Duration.ofMillis(50));
        }
        if (process.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + process.tail());
        }
    }

    @Override
    public void close() {
        if (running) {
            crash();
        }
    }
}
