package io.danube.faults;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * {@link EffectivelyOnceFaultsTest} on the shared MariaDB (127.0.0.1:3306, database {@code test}): tables with names
 * of their own, dropped at the end. The server itself is never restarted; the faults are the sinks' and the broker's.
 * Sink 0 is killed at whatever point of its write and acknowledgement cycle it is while rows land (MariaDB has no way
 * to hold a commit from the outside, so whether the kill falls between a commit and its acknowledgement is chance;
 * the broker kill always makes Danube deliver written records again).
 */
class MariaDbEffectivelyOnceFaultsTest extends EffectivelyOnceFaultsTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";

    @Override
    OnceSinkDatabase openDatabase(Path dir) {
        return new OnceSinkDatabase() {
            @Override
            String jdbcUrl() {
                return URL;
            }

            @Override
            String user() {
                return "root";
            }

            @Override
            Connection connect() throws SQLException {
                return DriverManager.getConnection(URL, "root", "");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aSinkKilledWhileRowsLandAndRestartedLeavesEveryMessageOnce() {
        Ids ids = publish();
        awaitMidStream(ids);
        sinks.get(0).kill();
        sinks.get(0).start();
        assertEachOnce(ids, "sink_kill");
    }
}
