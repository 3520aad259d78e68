package io.danube.bench.webhook;

import io.danube.bench.BenchOptions;
import io.danube.bench.BenchResult;
import io.danube.bench.Medians;
import io.danube.bench.Progress;
import io.danube.bench.Scenario;
import io.danube.bench.WindowedLoad;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.runtime.source.SourceRuntime;
import io.danube.connect.webhook.WebhookSourceConnector;
import io.danube.connect.webhook.auth.Authenticators;
import io.danube.connect.webhook.config.ServerSettings;
import io.danube.connect.webhook.config.WebhookSettings;
import io.danube.connect.webhook.http.WebhookHandler;
import io.danube.connect.webhook.http.WebhookRoute;
import io.danube.connect.webhook.http.WebhookServer;
import io.danube.connect.webhook.ratelimit.ClientAddressResolver;
import io.danube.connect.webhook.ratelimit.RateLimiter;
import io.danube.embedded.EmbeddedDanube;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code webhook-source}: HTTP requests per second into the webhook source connector (API key auth, each request
 * answered only after Danube accepted its message, reliable dispatch) against the same server and request pipeline
 * answering without publishing, both on loopback with {@code --concurrency} requests in flight, rounds alternating in
 * the same run. Whole rounds run first as a warm-up and are not counted ({@code --warmup-rounds}): on two cores the
 * JIT is still compiling the connector's path through the first rounds (the CPU time per request falls by half from
 * round 1 to round 3, then holds).
 */
public final class WebhookSourceScenario implements Scenario {

    private static final String KEY = "bench-api-key";
    private static final Map<String, String> ENV = Map.of("BENCH_WEBHOOK_KEY", KEY);

    @Override
    public String name() {
        return "webhook-source";
    }

    @Override
    public Set<String> options() {
        return Set.of("requests", "concurrency", "size", "rounds", "warmup-rounds");
    }

    @Override
    public List<BenchResult> run(BenchOptions options) throws Exception {
        int requests = options.intValue("requests", 20_000);
        int concurrency = options.intValue("concurrency", 16);
        int size = options.intValue("size", 512);
        int rounds = options.intValue("rounds", 3);
        int warmupRounds = options.intValue("warmup-rounds", 2);
        String body = jsonBody(size);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Medians intoDanube = new Medians();
        Medians withoutPublishing = new Medians();
        try (EmbeddedDanube broker = EmbeddedDanube.start()) {
            ConnectorConfig config = config(broker.serviceUrl());
            WebhookSourceConnector connector = new WebhookSourceConnector(ENV::get, Clock.systemUTC());
            SourceRuntime runtime = new SourceRuntime(connector, config);
            runtime.start();
            Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(ServerSettings.defaults().workerThreads()));
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.start();
                try (WebhookServer bare = serverWithoutPublishing(camel, vertx, config(broker.serviceUrl()))) {
                    URI publishing = URI.create("http://127.0.0.1:" + connector.port() + "/bench");
                    URI notPublishing = URI.create("http://127.0.0.1:" + bare.port() + "/bench");
                    for (int round = 1; round <= warmupRounds; round++) {
                        double into = load(http, publishing, body, requests, concurrency);
                        double without = load(http, notPublishing, body, requests, concurrency);
                        Progress.log("warm-up round %d/%d: into Danube %.0f req/s, without publishing %.0f req/s",
                                round, warmupRounds, into, without);
                    }
                    for (int round = 1; round <= rounds; round++) {
                        intoDanube.add(load(http, publishing, body, requests, concurrency));
                        withoutPublishing.add(load(http, notPublishing, body, requests, concurrency));
                        Progress.log("round %d/%d: into Danube %.0f req/s, without publishing %.0f req/s (%.0f %%)",
                                round, rounds, intoDanube.last(), withoutPublishing.last(),
                                100 * intoDanube.last() / withoutPublishing.last());
                    }
                }
            } finally {
                runtime.stop();
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        return List.of(new BenchResult(name(), "webhook_into_danube_vs_without_publishing", intoDanube.median(),
                withoutPublishing.median(), "req/s"));
    }

    private static ConnectorConfig config(String serviceUrl) {
        String toml = """
                danube_service_url = "%s"
                connector_name = "bench-webhook"
                [processing]
                metrics_port = -1
                log_level = "warn"
                [server]
                host = "127.0.0.1"
                port = 0
                [auth]
                type = "apikey"
                header = "X-API-Key"
                secret_env = "BENCH_WEBHOOK_KEY"
                [[routes]]
                from = "/bench"
                to = "/default/bench-webhook"
                reliable_dispatch = true
                require_json = true
                """.formatted(serviceUrl);
        return new ConnectorConfigLoader(Map.of()).parse(toml, ConnectorConfigLoader.Format.TOML, Map.of());
    }

    /** The connector's server and request pipeline (auth, JSON check, attributes) with a publisher that does nothing. */
    private static WebhookServer serverWithoutPublishing(CamelContext camel, Vertx vertx, ConnectorConfig config) {
        WebhookSettings settings = WebhookSettings.from(config);
        List<WebhookRoute> routes = IntStream.range(0, settings.routes().size())
                .mapToObj(i -> WebhookRoute.of(settings.routes().get(i), i)).toList();
        WebhookHandler handler = new WebhookHandler(routes, Authenticators.from(settings.auth(), ENV::get,
                Clock.systemUTC(), vertx), new RateLimiter(settings.rateLimit(), settings.routes(), System::nanoTime),
                new ClientAddressResolver(List.of()), () -> true, record -> CompletableFuture.completedFuture(null),
                settings.server().maxBodySize(), settings.server().requestTimeout());
        return WebhookServer.start(camel, settings.server(), handler, ENV::get, vertx);
    }

    /** Requests per second with {@code concurrency} in flight; fails on any answer but 200. */
    private static double load(HttpClient http, URI uri, String body, int requests, int concurrency)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return WindowedLoad.run(requests, concurrency, i -> http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri + ": "
                                                        + response.body());
                    }
                }));
    }

    private static String jsonBody(int size) {
        String prefix = "{\"event\":\"bench\",\"padding\":\"";
        char[] padding = new char[Math.max(0, size - prefix.length() - 2)];
        Arrays.fill(padding, 'x');
        return prefix + new String(padding) + "\"}";
    }
}
