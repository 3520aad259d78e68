package io.danube.connect.webhook;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SourceConnector;
import io.danube.connect.api.SourceMode;
import io.danube.connect.api.SourceSender;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.webhook.auth.Authenticator;
import io.danube.connect.webhook.auth.Authenticators;
import io.danube.connect.webhook.config.RouteSettings;
import io.danube.connect.webhook.config.WebhookSettings;
import io.danube.connect.webhook.http.WebhookHandler;
import io.danube.connect.webhook.http.WebhookRoute;
import io.danube.connect.webhook.http.WebhookServer;
import io.danube.connect.webhook.ratelimit.ClientAddressResolver;
import io.danube.connect.webhook.ratelimit.RateLimiter;
import io.danube.connect.webhook.readiness.DanubeReachability;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * HTTP webhooks into Danube: a streaming source that serves {@code [[routes]]} over Camel platform-http (Vert.x) and
 * answers each request only after Danube accepted its message (200), or 503 so the sender retries. Authentication
 * ({@code [auth]}: none, apikey, hmac, jwt), token-bucket rate limits ({@code [rate_limit]} and per route), JSON and
 * JSON Schema checks per route; {@code GET /health} and {@code GET /ready}.
 */
public class WebhookSourceConnector implements SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSourceConnector.class);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, String> env;
    private final Clock clock;
    private CamelContext camel;
    private WebhookSettings settings;
    private String serviceUrl;
    private List<WebhookRoute> routes;
    private Authenticator authenticator;
    private RateLimiter rateLimiter;
    private ClientAddressResolver clientAddresses;
    private DanubeReachability reachability;
    private WebhookHandler handler;
    private WebhookServer server;
    private Vertx vertx;

    /** Secrets from the process environment, wall-clock time. */
    public WebhookSourceConnector() {
        this(System::getenv, Clock.systemUTC());
    }

    /** @param env looks up the variables named by {@code secret_env} and {@code keystore_password_env} */
    public WebhookSourceConnector(Function<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** The Rust connector's overrides of where the server listens. */
    @Override
    public Map<String, String> secretEnvironment() {
        return Map.of("SERVER_HOST", "server.host", "SERVER_PORT", "server.port");
    }

    @Override
    public Set<String> identifyingSections() {
        return Set.of("auth", "routes");
    }

    @Override
    public void initialize(ConnectorContext context) {
        ConnectorConfig config = context.config();
        camel = context.camelContext();
        settings = WebhookSettings.from(config);
        serviceUrl = config.danubeServiceUrl();
        List<WebhookRoute> loaded = new ArrayList<>();
        for (int i = 0; i < settings.routes().size(); i++) {
            loaded.add(WebhookRoute.of(settings.routes().get(i), i));
        }
        routes = List.copyOf(loaded);
        vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(settings.server().workerThreads()));
        try {
            authenticator = Authenticators.from(settings.auth(), env, clock, vertx);
        } catch (RuntimeException e) {
            closeVertx();
            throw e;
        }
        rateLimiter = new RateLimiter(settings.rateLimit(), settings.routes(), System::nanoTime);
        clientAddresses = new ClientAddressResolver(settings.rateLimit() == null ? List.of()
                : settings.rateLimit().trustedProxies());
    }

    @Override
    public List<ProducerConfig> producerConfigs() {
        Map<String, ProducerConfig> byTopic = new LinkedHashMap<>();
        for (int i = 0; i < settings.routes().size(); i++) {
            RouteSettings route = settings.routes().get(i);
            ProducerConfig producer = new ProducerConfig(route.to(), route.partitions(), route.reliableDispatch(),
                    route.maxInFlight());
            ProducerConfig earlier = byTopic.putIfAbsent(route.to(), producer);
            if (earlier != null && !earlier.equals(producer)) {
                throw new ConfigException("routes[" + i + "].to", "topic " + route.to() + " is used by another route"
                                                                  + " with different partitions, reliable_dispatch or"
                                                                  + " max_in_flight");
            }
        }
        return List.copyOf(byTopic.values());
    }

    @Override
    public SourceMode mode() {
        return SourceMode.STREAMING;
    }

    @Override
    public void start(SourceSender sender) {
        reachability = DanubeReachability.start(camel, serviceUrl, settings.routes().get(0).to(), PROBE_INTERVAL);
        handler = new WebhookHandler(routes, authenticator, rateLimiter, clientAddresses, reachability,
                sender::trySend, settings.server().maxBodySize(), settings.server().requestTimeout());
        server = WebhookServer.start(camel, settings.server(), handler, env, vertx);
        LOG.info("Webhook source listening on {}:{} ({}) for {}", settings.server().host(), server.port(),
                settings.server().tls() == null ? "http" : "https",
                routes.stream().map(r -> r.settings().from() + " -> " + r.settings().to()).toList());
    }

    /** The port the HTTP server listens on; -1 before {@link #start}. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void stop() {
        if (handler != null) {
            handler.stopAccepting();
        }
    }

    @Override
    public void shutdown() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (reachability != null) {
                reachability.close();
            }
            closeVertx();
        }
    }

    private void closeVertx() {
        if (vertx == null) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Vert.x of the webhook server did not close within {}: {}", CLOSE_TIMEOUT, e.getMessage());
        } finally {
            vertx = null;
        }
    }

    @Override
    public void healthCheck() {
        if (reachability != null && !reachability.danubeReachable()) {
            throw new RetryableException("Danube at " + serviceUrl + " is unreachable; webhooks are answered 503");
        }
    }
}
