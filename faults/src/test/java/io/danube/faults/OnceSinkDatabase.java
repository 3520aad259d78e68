package io.danube.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database the effectively-once fault tests write into: where the JDBC sinks connect, and how the tests count
 * what landed there (the same queries on PostgreSQL and MariaDB).
 */
abstract class OnceSinkDatabase implements AutoCloseable {

    abstract String jdbcUrl();

    abstract String user();

    abstract Connection connect() throws SQLException;

    /**
     * Rows and distinct ids of {@code table} with ids from {@code from} (inclusive) to {@code to} (exclusive); zeros
     * while the table does not exist, {@link Counted#UNKNOWN} while the database does not answer.
     */
    Counted count(String table, long from, long to) {
        return count(table, " WHERE id >= " + from + " AND id < " + to);
    }

    /** Rows and distinct ids of the whole {@code table}, as {@link #count(String, long, long)}. */
    Counted countAll(String table) {
        return count(table, "");
    }

    private Counted count(String table, String where) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            try (ResultSet found = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                                                          + " WHERE table_name = '" + table + "'")) {
                found.next();
                if (found.getLong(1) == 0) {
                    return new Counted(0, 0);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT id) FROM " + table
                                                         + where)) {
                rows.next();
                return new Counted(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            return Counted.UNKNOWN;
        }
    }

    /** Drops {@code tables} if they exist. */
    void drop(String... tables) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + String.join(", ", tables) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public abstract void close();

    /** Rows and distinct ids of a table; {@link #UNKNOWN} when the database did not answer. */
    record Counted(long rows, long distinct) {
        static final Counted UNKNOWN = new Counted(-1, -1);
    }
}
