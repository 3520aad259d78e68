package io.danube.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One run's services and processes in a temporary directory: own Mosquitto and PostgreSQL, the embedded broker with a
 * data dir, and {@code sinks} JDBC sinks and {@code sources} MQTT sources (one {@code $share} group when more than
 * one). Closing stops every process and removes the directory, also after a failure.
 */
final class Pipeline implements AutoCloseable {

    final Path dir;
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String mqttPrefix = "faults/" + runId;
    final String topic = "/default/faults-" + runId;
    final String table = "faults_" + runId;
    final List<AutoCloseable> started = new ArrayList<>();
    OwnMosquitto mosquitto;
    OwnPostgres postgres;
    BrokerProcess broker;
    final List<ConnectorProcess> sinks = new ArrayList<>();
    final List<ConnectorProcess> sources = new ArrayList<>();

    private Pipeline(Path dir) {
        this.dir = dir;
    }

    static Pipeline start(Delivery delivery, int sinkCount, int sourceCount) {
        Path dir;
        try {
            dir = Files.createTempDirectory("danube-faults");
            // PostgreSQL runs as its own user and must reach its directory inside.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the suite's temporary directory", e);
        }
        Pipeline pipeline = new Pipeline(dir);
        try {
            pipeline.startAll(delivery, sinkCount, sourceCount);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Delivery delivery, int sinkCount, int sourceCount) {
        mosquitto = track(OwnMosquitto.start(dir));
        postgres = track(OwnPostgres.start(dir));
        broker = track(new BrokerProcess(dir)).start();
        for (int i = 0; i < sinkCount; i++) {
            int port = LocalProcess.freePort();
            sinks.add(track(new ConnectorProcess("jdbc-sink-" + i, dir, PipelineConfigs.jdbcSink(broker.serviceUrl(),
                    "jdbc-sink-" + i, postgres.jdbcUrl(), topic, table, delivery, port), port)));
        }
        String filter = sourceCount > 1 ? "$share/faults-" + runId + "/" + mqttPrefix + "/#" : mqttPrefix + "/#";
        for (int i = 0; i < sourceCount; i++) {
            int port = LocalProcess.freePort();
            sources.add(track(new ConnectorProcess("mqtt-source-" + i, dir, PipelineConfigs.mqttSource(
                    broker.serviceUrl(), "mqtt-source-" + i, mosquitto.port(), "faults-" + runId + "-" + i, filter,
                    topic, port), port)));
        }
        sinks.forEach(ConnectorProcess::start);
        sources.forEach(ConnectorProcess::start);
    }

    String deadLetterTopic() {
        return topic + "-dlq";
    }

    List<ConnectorProcess> connectors() {
        List<ConnectorProcess> all = new ArrayList<>(sinks);
        all.addAll(sources);
        return all;
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** Logs of every process, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        connectors().forEach(c -> text.append("--- ").append(c.name()).append(":\n").append(c.tail()).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        // Connectors first, then the services, in reverse order of start.
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("fault suite: cleanup of " + started.get(i) + " failed: " + e.getMessage());
            }
        }
        if (System.getenv("FAULTS_KEEP_DIR") == null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("fault suite: cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }
}
