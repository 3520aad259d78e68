package io.danube.faults;

import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC sink with {@code delivery = "effectively_once"} under process faults, everything a process of its own:
 * the embedded broker with a data directory, and two JDBC sinks run by the launcher. Sink 0 reads an Exclusive
 * topic and, with sink 1, a Shared topic (two instances on one subscription), in insert mode. Each test publishes its
 * own ids to both topics, injects one fault while the sinks write them, and requires every id in each table exactly
 * once: none missing, none twice. The pipeline is shared by the tests of a class; subclasses bring the database and
 * the way they kill a sink mid-batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EffectivelyOnceFaultsTest {

    static final int MESSAGES = 2_000;
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Pattern SKIPPED = Pattern.compile(
            "^connector_records_skipped_total\\{[^}]*reason=\"already_written\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String exclusiveTopic = "/default/once-exclusive-" + run;
    private final String sharedTopic = "/default/once-shared-" + run;
    final String exclusiveTable = "once_exclusive_" + run;
    final String sharedTable = "once_shared_" + run;
    final String positionTable = "once_positions_" + run;
    private final AtomicLong nextId = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Path dir;
    OnceSinkDatabase database;
    BrokerProcess broker;
    final List<ConnectorProcess> sinks = new ArrayList<>();

    /** The database under test, started or created for this class's pipeline ({@code dir} is removed at the end). */
    abstract OnceSinkDatabase openDatabase(Path dir);

    /** The ids one test publishes to both topics, from (inclusive) to (exclusive). */
    record Ids(long from, long to) {
    }

    @BeforeAll
    void startPipeline() {
        try {
            dir = Files.createTempDirectory("danube-once-faults");
            // PostgreSQL runs as its own user and must reach its directory inside.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test's temporary directory", e);
        }
        database = openDatabase(dir);
        broker = new BrokerProcess(dir).start();
        // A subscription starts at the end of an existing topic: the topics exist first, and nothing is published
        // before every sink subscribed.
        try (DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build()) {
            for (String topic : List.of(exclusiveTopic, sharedTopic)) {
                client.newProducer().topic(topic).name("once-creator").reliable().create().close();
            }
        }
        for (int i = 0; i < 2; i++) {
            int port = LocalProcess.freePort();
            sinks.add(new ConnectorProcess("once-sink-" + i, dir, sinkConfig(i, port), port));
        }
        CompletableFuture.allOf(sinks.stream().map(sink -> CompletableFuture.runAsync(sink::start))
                .toArray(CompletableFuture[]::new)).join();
        sinks.forEach(this::awaitReady);
        Ids warmUp = publish(10);
        Deadline deadline = Deadline.in(BOUND);
        while (landed(exclusiveTable, warmUp) < 10 || landed(sharedTable, warmUp) < 10) {
            deadline.check(() -> "the sinks did not write the first messages:\n" + logs());
            deadline.pause(Duration.ofMillis(50));
        }
    }

    private void awaitReady(ConnectorProcess sink) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.metricsPort()
                + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Deadline deadline = Deadline.in(BOUND);
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            deadline.check(() -> sink.name() + " never subscribed:\n" + sink.tail());
            deadline.pause(Duration.ofMillis(100));
        }
    }

    @AfterAll
    void stopPipeline() {
        sinks.forEach(ConnectorProcess::close);
        if (broker != null) {
            broker.close();
        }
        boolean keep = System.getenv("FAULTS_KEEP_DIR") != null;
        if (database != null) {
            if (!keep) {
                database.drop(exclusiveTable, sharedTable, positionTable);
            }
            database.close();
        }
        if (dir != null && !keep) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }

    @Test
    void theBrokerKilledAndRestartedOnItsDataDirLeavesEveryMessageOnce() {
        Ids ids = publish();
        awaitMidStream(ids);
        long skippedBefore = skipped(sinks.get(0)) + skipped(sinks.get(1));
        broker.kill();
        broker.start();
        assertEachOnce(ids, "broker_kill");
        awaitSkips(() -> skipped(sinks.get(0)) + skipped(sinks.get(1)) - skippedBefore, "broker_kill");
    }

    /** Publishes {@link #MESSAGES} new ids to each topic, every send confirmed by the broker. */
    Ids publish() {
        return publish(MESSAGES);
    }

    private Ids publish(int count) {
        long from = nextId.getAndAdd(count);
        Ids ids = new Ids(from, from + count);
        try (DanubeClient client = DanubeClient.builder().serviceUrl(broker.serviceUrl()).build();
             Producer exclusive = client.newProducer().topic(exclusiveTopic).name("once-writer-x-" + from)
                     .reliable().create();
             Producer shared = client.newProducer().topic(sharedTopic).name("once-writer-s-" + from)
                     .reliable().create()) {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (long id = ids.from(); id < ids.to(); id++) {
                String payload = "{\"id\":" + id + ",\"note\":\"message " + id + "\"}";
                sends.add(exclusive.sendAsync(OutgoingMessage.of(payload)));
                sends.add(shared.sendAsync(OutgoingMessage.of(payload)));
                if (sends.size() >= 500) {
                    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
                    sends.clear();
                }
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        }
        return ids;
    }

    /** Waits until both tables hold some but not all of {@code ids}: the fault then hits the sinks mid-stream. */
    void awaitMidStream(Ids ids) {
        Deadline deadline = Deadline.in(BOUND);
        while (landed(exclusiveTable, ids) < MESSAGES / 5 || landed(sharedTable, ids) < MESSAGES / 5) {
            deadline.check(() -> "the sinks did not start writing " + ids + ":\n" + logs());
            deadline.pause(Duration.ofMillis(20));
        }
        assertThat(landed(exclusiveTable, ids)).as("Exclusive rows when the fault hits").isLessThan(MESSAGES);
        assertThat(landed(sharedTable, ids)).as("Shared rows when the fault hits").isLessThan(MESSAGES);
    }

    /**
     * Waits until the sinks skipped records they had written (the fault made Danube deliver written records again,
     * so the test exercised the skip), as counted by {@code skips}.
     */
    void awaitSkips(LongSupplier skips, String fault) {
        Deadline deadline = Deadline.in(Duration.ofSeconds(60));
        while (skips.getAsLong() <= 0) {
            deadline.check(() -> "no written record was delivered again after " + fault + ":\n" + logs());
            deadline.pause(Duration.ofMillis(200));
        }
    }

    /** Waits until every id is in both tables, then requires each exactly once, here and in the whole table. */
    void assertEachOnce(Ids ids, String fault) {
        Deadline deadline = Deadline.in(BOUND);
        while (landed(exclusiveTable, ids) < MESSAGES || landed(sharedTable, ids) < MESSAGES) {
            deadline.check(() -> "not every id of " + ids + " landed after " + fault + ": Exclusive "
                                 + database.count(exclusiveTable, ids.from(), ids.to()) + ", Shared "
                                 + database.count(sharedTable, ids.from(), ids.to()) + "\n" + logs());
            deadline.pause(Duration.ofMillis(100));
        }
        OnceSinkDatabase.Counted exclusive = database.count(exclusiveTable, ids.from(), ids.to());
        OnceSinkDatabase.Counted shared = database.count(sharedTable, ids.from(), ids.to());
        System.out.printf("{\"fault\":\"%s\",\"database\":\"%s\",\"exclusive_rows\":%d,\"shared_rows\":%d,"
                          + "\"skipped_already_written\":%s}%n", fault, getClass().getSimpleName(), exclusive.rows(),
                shared.rows(), sinks.stream().map(this::skipped).toList());
        assertThat(exclusive).as("Exclusive rows and distinct ids of %s", ids)
                .isEqualTo(new OnceSinkDatabase.Counted(MESSAGES, MESSAGES));
        assertThat(shared).as("Shared rows and distinct ids of %s", ids)
                .isEqualTo(new OnceSinkDatabase.Counted(MESSAGES, MESSAGES));
        for (String table : List.of(exclusiveTable, sharedTable)) {
            OnceSinkDatabase.Counted all = database.countAll(table);
            assertThat(all.rows()).as("rows of every test so far in %s", table).isEqualTo(all.distinct());
        }
    }

    private long landed(String table, Ids ids) {
        return database.count(table, ids.from(), ids.to()).distinct();
    }

    /**
     * The sink's {@code connector_records_skipped_total{reason="already_written"}} since its last start; 0 when it
     * does not answer.
     */
    long skipped(ConnectorProcess sink) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.metricsPort()
                    + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            long total = 0;
            for (Matcher matcher = SKIPPED.matcher(metrics); matcher.find(); ) {
                total += (long) Double.parseDouble(matcher.group(1));
            }
            return total;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        sinks.forEach(sink -> text.append("--- ").append(sink.name()).append(":\n").append(sink.tail()).append('\n'));
        return text.toString();
    }

    /**
     * Sink 0 reads the Exclusive topic (a fixed consumer name, so its restart takes the subscription over) and the
     * Shared topic; sink 1 only the Shared topic. Retries outlast a database restart without a redelivery.
     */
    private String sinkConfig(int index, int metricsPort) {
        String exclusiveRoute = index > 0 ? "" : """
                [[jdbc.routes]]
                from = "%s"
                subscription = "once-exclusive"
                subscription_type = "Exclusive"
                consumer_name = "once-exclusive"
                to = "%s"
                auto_create = true
                delivery = "effectively_once"

                """.formatted(exclusiveTopic, exclusiveTable);
        return """
                danube_service_url = "%s"
                connector_name = "once-sink-%d"

                [retry]
                max_retries = 20
                retry_backoff_ms = 100
                max_backoff_ms = 1000

                [processing]
                metrics_host = "127.0.0.1"
                metrics_port = %d
                batch_size = 200
                batch_timeout_ms = 200

                [jdbc]
                url = "%s"
                user = "%s"
                pool_size = 2
                connection_timeout_ms = 3000
                position_table = "%s"

                %s[[jdbc.routes]]
                from = "%s"
                subscription = "once-shared"
                subscription_type = "Shared"
                to = "%s"
                auto_create = true
                delivery = "effectively_once"
                """.formatted(broker.serviceUrl(), index, metricsPort, database.jdbcUrl(), database.user(),
                positionTable, exclusiveRoute, sharedTopic, sharedTable);
    }
}
