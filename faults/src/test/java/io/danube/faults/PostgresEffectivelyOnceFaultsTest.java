package io.danube.faults;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * {@link EffectivelyOnceFaultsTest} on a PostgreSQL cluster of the test's own (private loopback port), which can also
 * be restarted: an immediate shutdown, as in a crash, then a start on the same data directory.
 */
class PostgresEffectivelyOnceFaultsTest extends EffectivelyOnceFaultsTest {

    private OwnPostgres postgres;

    @Override
    OnceSinkDatabase openDatabase(Path dir) {
        postgres = OwnPostgres.start(dir);
        return new OnceSinkDatabase() {
            @Override
            String jdbcUrl() {
                return postgres.jdbcUrl();
            }

            @Override
            String user() {
                return "postgres";
            }

            @Override
            Connection connect() throws SQLException {
                return postgres.connect();
            }

            @Override
            public void close() {
                postgres.close();
            }
        };
    }

    /**
     * The kill lands in the middle of sink 0's commit: a deferred trigger on the position table holds the next commit
     * of the Exclusive subscription for 3 s (once), sink 0 is killed meanwhile, and PostgreSQL completes the commit
     * without it. Its records are then written but never acknowledged, so Danube delivers them again: to sink 0's
     * successor (Exclusive) and to sink 1 (Shared), which must skip them.
     */
    @Test
    void aSinkKilledWhileItsCommitIsInProgressLeavesEveryMessageOnce() throws SQLException {
        Ids ids = publish();
        awaitMidStream(ids);
        long skippedBySurvivor = skipped(sinks.get(1));
        execute("CREATE TABLE once_stall (armed boolean NOT NULL)",
                "INSERT INTO once_stall VALUES (true)",
                """
                CREATE FUNCTION once_stall_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.subscription = 'once-exclusive' AND (SELECT armed FROM once_stall) THEN
                        UPDATE once_stall SET armed = false;
                        PERFORM pg_sleep(3);
                    END IF;
                    RETURN NULL;
                END $$""",
                "CREATE CONSTRAINT TRIGGER once_stall_commit AFTER INSERT ON " + positionTable
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION once_stall_commit()");
        try {
            Deadline deadline = Deadline.in(Duration.ofSeconds(60));
            while (!commitStalled()) {
                deadline.check(() -> "sink 0 never committed with the trigger armed");
                deadline.pause(Duration.ofMillis(10));
            }
            sinks.get(0).kill();
            sinks.get(0).start();
            assertEachOnce(ids, "sink_kill_in_commit");
            awaitSkips(() -> skipped(sinks.get(0)) + skipped(sinks.get(1)) - skippedBySurvivor, "sink_kill_in_commit");
        } finally {
            execute("DROP TRIGGER once_stall_commit ON " + positionTable, "DROP FUNCTION once_stall_commit()",
                    "DROP TABLE once_stall");
        }
    }

    @Test
    void postgresCrashedAndRestartedLeavesEveryMessageOnce() {
        Ids ids = publish();
        awaitMidStream(ids);
        postgres.crash();
        postgres.startServer();
        assertEachOnce(ids, "postgres_restart");
    }

    private boolean commitStalled() throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet sleeping = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                                                         + " WHERE wait_event = 'PgSleep'")) {
            sleeping.next();
            return sleeping.getLong(1) > 0;
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
