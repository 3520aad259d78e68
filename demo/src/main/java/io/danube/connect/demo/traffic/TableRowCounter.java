package io.danube.connect.demo.traffic;

import io.danube.connect.demo.services.SqlDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts the rows of the demo table: the "rows" figure of the demo. 0 while the sink has not created the table. */
public final class TableRowCounter {

    private final SqlDatabase database;
    private final String table;

    public TableRowCounter(SqlDatabase database, String table) {
        this.database = database;
        this.table = table;
    }

    public long count() {
        try (Connection connection = database.connect();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return 0;
            }
            throw new IllegalStateException("cannot count the rows of " + table + ": " + e.getMessage(), e);
        }
    }

    /** PostgreSQL's undefined_table (42P01) and H2's table-not-found (42S02, 42S04). */
    private static boolean isMissingTable(SQLException e) {
        String state = e.getSQLState();
        return "42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state);
    }
}
