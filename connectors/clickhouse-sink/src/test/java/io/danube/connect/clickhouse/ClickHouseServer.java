package io.danube.connect.clickhouse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ClickHouse server's HTTP interface for test set-up and read-back: statements and queries over plain HTTP, results
 * as tab-separated rows. {@link #shared()} is the local server on 127.0.0.1:8123, started through
 * {@code scripts/ensure-services.sh} when it is down.
 */
final class ClickHouseServer {

    static final String SHARED_URL = "http://127.0.0.1:8123";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String url;

    ClickHouseServer(String url) {
        this.url = url;
    }

    /** The local server, started by {@code scripts/ensure-services.sh} (installed first if missing) when down. */
    static ClickHouseServer shared() {
        if (!portOpen(8123)) {
            Path script = Path.of("../../scripts/ensure-services.sh").toAbsolutePath().normalize();
            try {
                Process process = new ProcessBuilder(script.toString()).inheritIO().start();
                if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(script + " did not start ClickHouse");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + script, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting ClickHouse", e);
            }
        }
        return new ClickHouseServer(SHARED_URL);
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return url;
    }

    /** Runs each statement; fails with the server's message. */
    void execute(String... statements) {
        for (String statement : statements) {
            query(statement);
        }
    }

    /** The rows of {@code sql} (FORMAT TabSeparated), each a list of column texts. */
    List<List<String>> rows(String sql) {
        String body = query(sql + " FORMAT TabSeparated");
        return body.lines().map(line -> Arrays.asList(line.split("\t", -1))).toList();
    }

    long count(String sql) {
        return Long.parseLong(query(sql).trim());
    }

    /** The text answer of {@code sql}; fails when the server answers with an error. */
    String query(String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/?query="
                        + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(sql + " failed: HTTP " + response.statusCode() + " "
                                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(sql + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
