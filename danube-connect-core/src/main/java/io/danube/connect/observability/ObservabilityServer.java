package io.danube.connect.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One small HTTP server for operators: {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON, HTTP 200
 * when healthy or degraded, 503 when unhealthy).
 */
public final class ObservabilityServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private ObservabilityServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code host:port}; port 0 picks a free one (see {@link #port()}). */
    public static ObservabilityServer start(String host, int port, ConnectorMetrics metrics, ConnectorHealth health) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve /metrics and /health on " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "connector-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext("/health", exchange -> {
            HealthSnapshot snapshot = health.snapshot();
            respond(exchange, snapshot.status() == HealthStatus.UNHEALTHY ? 503 : 200, "application/json",
                    toJson(snapshot));
        });
        server.start();
        return new ObservabilityServer(server, executor);
    }

    /** The health snapshot as served: {@code {"status":"healthy","connector":...,"components":{...}}}. */
    public static String toJson(HealthSnapshot snapshot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", snapshot.status().label());
        root.put("connector", snapshot.connector());
        ObjectNode components = root.putObject("components");
        snapshot.components().forEach((name, component) -> components.putObject(name)
                .put("status", component.status().label())
                .put("detail", component.detail()));
        return root.toString();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
