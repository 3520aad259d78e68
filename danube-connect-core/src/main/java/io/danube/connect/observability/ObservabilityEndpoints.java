package io.danube.connect.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ProcessingSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceHelper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text), {@code /health} (JSON, 503 when unhealthy), {@code /health/live} and
 * {@code /health/ready} (Kubernetes probes) on Camel's management HTTP server (camel-platform-http-main's
 * {@link ManagementHttpServer}, Vert.x, its own port).
 *
 * <p>Why thin handlers instead of the server's built-in health and metrics endpoints: Camel's health endpoint answers
 * only UP/DOWN in its own JSON, while {@code /health} keeps the connectors' {@code healthy}/{@code degraded}/
 * {@code unhealthy} answer with a detail per part; and {@code platform-http:} routes always bind to the main HTTP
 * server, which a connector (the webhook source) may own on another port. So the handlers sit on the management
 * server's router and only read Camel's health-check registry ({@link ConnectorHealth}) and the Prometheus registry.
 */
public final class ObservabilityEndpoints implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final CamelContext camel;
    private final ManagementHttpServer server;

    private ObservabilityEndpoints(CamelContext camel, ManagementHttpServer server) {
        this.camel = camel;
        this.server = server;
    }

    /**
     * Starts serving in the started {@code camel} on {@code processing}'s metrics host and port (0 picks a free one,
     * see {@link #port()}). A port in use is a {@link ConfigException} naming {@code processing.metrics_port}.
     */
    public static ObservabilityEndpoints start(CamelContext camel, ProcessingSettings processing,
                                               ConnectorHealth health, PrometheusMeterRegistry metrics) {
        String host = processing.metricsHost();
        int port = processing.metricsPort();
        requireFreePort(host, port);
        ManagementHttpServer server = new ManagementHttpServer();
        server.setCamelContext(camel);
        server.setHost(host);
        server.setPort(port);
        server.setPath("/");
        server.setHealthCheckEnabled(false);
        server.setMetricsEnabled(false);
        server.setInfoEnabled(false);
        server.setDevConsoleEnabled(false);
        server.setJolokiaEnabled(false);
        try {
            camel.addService(server, true, true);
        } catch (Exception e) {
            stopQuietly(camel, server);
            throw new IllegalStateException("Cannot serve /metrics and /health on " + host + ":" + port + ": "
                                            + e.getMessage(), e);
        }
        // Vert.x reports a failed bind only in its log; a server that is not listening has no port.
        if (server.getRouter().getServer().getServer().actualPort() <= 0) {
            stopQuietly(camel, server);
            throw portInUse(host, port, null);
        }
        VertxPlatformHttpRouter router = server.getRouter();
        // platform-http consumers (the webhook source, YAML routes) find their server's port through the one router
        // bound in the registry; this server's router is used only here, so it must not be a second one.
        String routerName = VertxPlatformHttpRouter.getRouterNameFromPort(port);
        if (camel.getRegistry().lookupByName(routerName) == router) {
            camel.getRegistry().unbind(routerName);
        }
        router.get("/metrics").blockingHandler(context -> context.response()
                .putHeader("Content-Type", PROMETHEUS_TEXT).end(metrics.scrape()));
        router.get("/health").blockingHandler(context -> respond(context, health::snapshot));
        router.get("/health/ready").blockingHandler(context -> respond(context, health::readiness));
        router.get("/health/live").blockingHandler(context -> respond(context, health::liveness));
        return new ObservabilityEndpoints(camel, server);
    }

    /**
     * Fails with a {@link ConfigException} naming the key when {@code port} cannot be bound, before Vert.x tries
     * (Vert.x would log the bind failure with a stack trace and carry on without a server).
     */
    private static void requireFreePort(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw portInUse(host, port, e);
        }
    }

    private static ConfigException portInUse(String host, int port, Throwable cause) {
        return new ConfigException("processing.metrics_port", "port " + port + " on " + host + " is already in"
                + " use; set processing.metrics_port or the METRICS_PORT environment variable to a free port (0 = any"
                + " free port, -1 = no server)", cause);
    }

    private static void respond(RoutingContext context, Supplier<HealthSnapshot> health) {
        HealthSnapshot snapshot = health.get();
        context.response()
                .setStatusCode(snapshot.status() == HealthStatus.UNHEALTHY ? 503 : 200)
                .putHeader("Content-Type", "application/json")
                .end(toJson(snapshot));
    }

    /** The snapshot as served: {@code {"status":"healthy","connector":...,"components":{...}}}. */
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

    /** The port served on (the real one when 0 was asked for). */
    public int port() {
        return server.getRouter().getServer().getPort();
    }

    @Override
    public void close() {
        stopQuietly(camel, server);
    }

    /** Stops the management server and the Vert.x server it added to the context. */
    private static void stopQuietly(CamelContext camel, ManagementHttpServer server) {
        VertxPlatformHttpRouter router = server.getRouter();
        for (Object service : router == null ? List.of(server) : List.of(server, router.getServer())) {
            try {
                camel.removeService(service);
            } catch (Exception ignored) {
                // removeService fails only if stopping fails; stopped below in any case.
            }
            ServiceHelper.stopService(service);
        }
    }
}
