package io.danube.connect.demo.services;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Quick checks of whether the local services answer, each bounded by a short timeout. */
public final class ServiceProbe {

    private ServiceProbe() {
    }

    /** Whether something accepts TCP connections on {@code host:port} within {@code timeout}. */
    public static boolean acceptsConnections(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether PostgreSQL at {@code url} lets {@code user} log in within {@code timeout}. */
    public static boolean postgresAcceptsLogin(String url, String user, Duration timeout) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }
}
