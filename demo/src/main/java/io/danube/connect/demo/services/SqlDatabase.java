package io.danube.connect.demo.services;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The database the JDBC sink writes the readings to. */
public interface SqlDatabase extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    /** One line for the console, e.g. "local PostgreSQL, database test". */
    String description();

    /** A command a user can paste to look at the newest rows of {@code table}. */
    String lookCommand(String table);

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** What happens to {@code table} when the demo ends, for the console. */
    String afterRun(String table);

    /** Removes what the demo created ({@code table}) unless asked to keep it, and stops the database if it owns it. */
    void cleanUp(String table);

    @Override
    void close();
}
