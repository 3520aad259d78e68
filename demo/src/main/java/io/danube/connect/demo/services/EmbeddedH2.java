package io.danube.connect.demo.services;

import org.h2.tools.Server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stand-in for PostgreSQL: an H2 in-memory database in PostgreSQL mode, in this JVM, also served over H2's TCP
 * protocol on a free loopback port so the rows can be looked at from another shell while the demo runs.
 */
public final class EmbeddedH2 implements SqlDatabase {

    private final String name;
    private final Server tcpServer;
    private final Connection keepAlive;

    private EmbeddedH2(String name, Server tcpServer, Connection keepAlive) {
        this.name = name;
        this.tcpServer = tcpServer;
        this.keepAlive = keepAlive;
    }

    public static EmbeddedH2 start(String name) {
        Server server = null;
        try {
            server = Server.createTcpServer("-tcpPort", String.valueOf(FreePorts.pick())).start();
            EmbeddedH2 database = new EmbeddedH2(name, server, null);
            return new EmbeddedH2(name, server, database.connect());
        } catch (SQLException e) {
            if (server != null) {
                server.stop();
            }
            throw new IllegalStateException("embedded H2 database did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Override
    public String user() {
        return "sa";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String description() {
        return "embedded H2 stand-in (PostgreSQL mode), " + tcpUrl();
    }

    /** The same database over H2's TCP protocol, for a shell in another process. */
    public String tcpUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + tcpServer.getPort() + "/mem:" + name;
    }

    @Override
    public String lookCommand(String table) {
        String h2Jar = Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        return "java -cp " + h2Jar + " org.h2.tools.Shell -url '" + tcpUrl() + "' -user sa"
               + " -sql 'SELECT * FROM " + table + " ORDER BY seq DESC LIMIT 5'";
    }

    @Override
    public String afterRun(String table) {
        return "The stand-in database, with table " + table + ", goes away with the demo.";
    }

    @Override
    public void cleanUp(String table) {
    }

    /** Stops serving and drops the in-memory database. */
    @Override
    public void close() {
        tcpServer.stop();
        try {
            keepAlive.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the embedded H2 database: " + e.getMessage(), e);
        }
    }
}
