package io.danube.connect.demo.services;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL already running on this machine (database {@code test}, user {@code postgres}). */
public record LocalPostgres(String host, int port, boolean keepTable) implements SqlDatabase {

    public static final String DATABASE = "test";
    public static final String USER = "postgres";

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String description() {
        return "local PostgreSQL at " + host + ":" + port + ", database " + DATABASE;
    }

    @Override
    public String lookCommand(String table) {
        return "psql -h " + host + " -p " + port + " -U " + USER + " -d " + DATABASE
               + " -c 'SELECT * FROM " + table + " ORDER BY seq DESC LIMIT 5'";
    }

    @Override
    public String afterRun(String table) {
        return keepTable ? "Table " + table + " is kept in PostgreSQL (database " + DATABASE + ")."
                : "Table " + table + " is dropped now (--keep-table keeps it).";
    }

    @Override
    public void cleanUp(String table) {
        if (keepTable) {
            return;
        }
        try (Connection connection = connect(); Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the demo table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
