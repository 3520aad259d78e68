package io.danube.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts what landed in the sink's table of the suite's PostgreSQL: rows of numbered messages, and their ids. */
final class LandedRows {

    private final OwnPostgres postgres;
    private final String table;

    LandedRows(OwnPostgres postgres, String table) {
        this.postgres = postgres;
        this.table = table;
    }

    /**
     * Rows, distinct ids and distinct Danube positions of the messages numbered {@code from} (inclusive) to {@code to} (exclusive); zeros while
     * the table does not exist, {@link Landed#UNKNOWN} while PostgreSQL does not answer.
     */
    Landed count(long from, long to) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('public." + table + "')")) {
                exists.next();
                if (exists.getString(1) == null) {
                    return new Landed(0, 0, 0);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT id),"
                    + " count(DISTINCT (danube_topic, danube_offset)) FROM " + table
                    + " WHERE id LIKE 'm-%' AND seq >= " + from + " AND seq < " + to)) {
                rows.next();
                return new Landed(rows.getLong(1), rows.getLong(2), rows.getLong(3));
            }
        } catch (SQLException e) {
            return Landed.UNKNOWN;
        }
    }

    long poisonRows() {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table
                     + " WHERE id LIKE 'poison-%'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Rows, distinct message ids and distinct Danube positions (partition topic, offset); {@link #UNKNOWN} when
     * PostgreSQL did not answer.
     */
    record Landed(long rows, long distinct, long positions) {
        static final Landed UNKNOWN = new Landed(-1, -1, -1);

        boolean known() {
            return rows >= 0;
        }

        /** Rows of a Danube message written more than once: the sink's duplicates. */
        long rewritten() {
            return Math.max(0, rows - positions);
        }

        /** Ids that reached Danube as more than one message: the source's duplicates. */
        long republished() {
            return Math.max(0, positions - distinct);
        }
    }
}
