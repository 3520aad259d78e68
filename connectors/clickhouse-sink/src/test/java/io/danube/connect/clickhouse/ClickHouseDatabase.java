package io.danube.connect.clickhouse;

import java.util.concurrent.ThreadLocalRandom;

/** A scratch database on a ClickHouse server, created for one test class and dropped after it. */
final class ClickHouseDatabase implements AutoCloseable {

    private final ClickHouseServer server;
    private final String name;

    private ClickHouseDatabase(ClickHouseServer server, String name) {
        this.server = server;
        this.name = name;
    }

    static ClickHouseDatabase create(ClickHouseServer server, String prefix) {
        String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        server.execute("CREATE DATABASE " + name);
        return new ClickHouseDatabase(server, name);
    }

    String name() {
        return name;
    }

    ClickHouseServer server() {
        return server;
    }

    /** {@code count()} of {@code table}; 0 while the table does not exist yet. */
    long count(String table) {
        if (!exists(table)) {
            return 0;
        }
        return server.count("SELECT count() FROM " + name + "." + table);
    }

    boolean exists(String table) {
        return server.count("EXISTS TABLE " + name + "." + table) == 1;
    }

    @Override
    public void close() {
        server.execute("DROP DATABASE IF EXISTS " + name);
    }
}
