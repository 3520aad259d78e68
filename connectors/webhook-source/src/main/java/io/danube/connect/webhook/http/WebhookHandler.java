package io.danube.connect.webhook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.webhook.auth.AuthenticationException;
import io.danube.connect.webhook.auth.Authenticator;
import io.danube.connect.webhook.ratelimit.ClientAddressResolver;
import io.danube.connect.webhook.ratelimit.RateLimiter;
import io.danube.connect.webhook.readiness.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The request pipeline, independent of the HTTP server: path (404), method (405), size (413), authentication (401),
 * rate limit (429), content type (415), JSON and schema (400), then publish and wait for Danube's acceptance (200, or
 * 503 when Danube is unreachable, refuses the message or does not confirm within the request timeout). {@code GET
 * /health} and {@code GET /ready} skip authentication and rate limiting.
 */
public final class WebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_REASONS = 5;

    private final Map<String, WebhookRoute> routes;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final ClientAddressResolver clientAddresses;
    private final Readiness readiness;
    private final RecordPublisher publisher;
    private final long maxBodySize;
    private final Duration requestTimeout;
    private volatile boolean accepting = true;

    public WebhookHandler(List<WebhookRoute> routes, Authenticator authenticator, RateLimiter rateLimiter,
                          ClientAddressResolver clientAddresses, Readiness readiness, RecordPublisher publisher,
                          long maxBodySize, Duration requestTimeout) {
        this.routes = routes.stream().collect(Collectors.toUnmodifiableMap(r -> r.settings().from(), r -> r));
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.clientAddresses = clientAddresses;
        this.readiness = readiness;
        this.publisher = publisher;
        this.maxBodySize = maxBodySize;
        this.requestTimeout = requestTimeout;
    }

    /** From now on every webhook is answered 503 (the runtime is stopping); health stays available. */
    public void stopAccepting() {
        accepting = false;
    }

    /**
     * Answers {@code request}; the future completes at once for a refused request and once Danube accepted (or did
     * not accept) the message otherwise. Never blocks: inside a Camel route the publish may run on the calling thread.
     */
    public CompletableFuture<WebhookResponse> handle(WebhookRequest request) {
        try {
            return dispatch(request);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure handling {} {}: {}", request.method(), request.path(), e.getMessage(), e);
            return CompletableFuture.completedFuture(unavailable("internal error"));
        }
    }

    private CompletableFuture<WebhookResponse> dispatch(WebhookRequest request) {
        String path = request.path();
        if (path.equals("/health") || path.equals("/ready")) {
            return done(serverEndpoint(request));
        }
        WebhookRoute route = routes.get(path);
        if (route == null) {
            return done(WebhookResponse.error(404, "not_found", "no webhook is configured at this path"));
        }
        if (!request.method().equals("POST")) {
            return done(WebhookResponse.error(405, "method_not_allowed", "webhooks accept POST only")
                    .withHeader("Allow", "POST"));
        }
        if (request.body().length > maxBodySize) {
            return done(WebhookResponse.error(413, "payload_too_large", "the body exceeds " + maxBodySize
                                                                        + " bytes"));
        }
        return authenticator.verify(request).handle((ok, error) -> error).toCompletableFuture()
                .thenCompose(error -> error == null ? admit(route, request) : done(refused(error)));
    }

    private WebhookResponse refused(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AuthenticationException) {
            return WebhookResponse.error(401, "authentication_failed", cause.getMessage())
                    .withHeader("WWW-Authenticate", authenticator.challenge());
        }
        LOG.error("Authentication failed unexpectedly: {}", cause.getMessage(), cause);
        return unavailable("internal error");
    }

    private CompletableFuture<WebhookResponse> admit(WebhookRoute route, WebhookRequest request) {
        String path = request.path();
        String clientIp = clientAddresses.resolve(request.peerAddress(), request.headerValues("X-Forwarded-For"));
        Optional<Duration> wait = rateLimiter.admit(path, clientIp);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return done(WebhookResponse.error(429, "rate_limited", "too many requests; retry in " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds)));
        }
        return validateAndPublish(route, request, clientIp);
    }

    private WebhookResponse serverEndpoint(WebhookRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return WebhookResponse.error(405, "method_not_allowed", request.path() + " accepts GET only")
                    .withHeader("Allow", "GET");
        }
        if (request.path().equals("/health")) {
            return WebhookResponse.status(200, "ok");
        }
        if (!accepting) {
            return WebhookResponse.status(503, "stopping");
        }
        return readiness.danubeReachable() ? WebhookResponse.status(200, "ready")
                : WebhookResponse.status(503, "danube_unreachable");
    }

    private CompletableFuture<WebhookResponse> validateAndPublish(WebhookRoute route, WebhookRequest request,
                                                                 String clientIp) {
        JsonNode json = null;
        String contentType = request.header("Content-Type");
        if (route.requiresJson() || route.settings().keyField() != null) {
            if (route.requiresJson() && !isJson(contentType)) {
                return done(WebhookResponse.error(415, "unsupported_media_type",
                        "this webhook takes application/json, got " + (contentType == null ? "no Content-Type"
                                : contentType)));
            }
            try {
                json = parse(request.body());
            } catch (IOException e) {
                if (route.requiresJson()) {
                    return done(WebhookResponse.error(400, "invalid_json", "the body is not valid JSON: "
                                                                           + firstLine(e)));
                }
            }
        }
        if (json != null && route.jsonSchema().isPresent()) {
            Set<ValidationMessage> violations = route.jsonSchema().get().validate(json);
            if (!violations.isEmpty()) {
                String reasons = violations.stream().limit(MAX_REASONS).map(ValidationMessage::getMessage)
                        .collect(Collectors.joining("; "));
                return done(WebhookResponse.error(400, "schema_violation",
                        "the body does not match the schema: " + reasons));
            }
        }
        if (!accepting) {
            return done(unavailable("the connector is stopping"));
        }
        if (!readiness.danubeReachable()) {
            return done(unavailable("Danube is unreachable"));
        }
        SourceRecord record = WebhookRecords.of(route.settings(), request, clientIp, json);
        CompletableFuture<Void> accepted;
        try {
            accepted = publisher.publish(record);
        } catch (RuntimeException e) {
            LOG.warn("Handing a webhook from {} to the runtime failed: {}", request.path(), e.getMessage());
            return done(unavailable("the connector is not accepting messages"));
        }
        return accepted.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((ok, error) -> {
            if (error == null) {
                authenticator.accepted(request);
                return WebhookResponse.accepted(route.settings().to());
            }
            Throwable cause = unwrap(error);
            if (cause instanceof TimeoutException) {
                return unavailable("Danube did not confirm the message within " + requestTimeout.toMillis() + " ms");
            }
            if (cause instanceof RetryableException) {
                return unavailable(cause.getMessage());
            }
            LOG.warn("Publishing a webhook from {} to {} failed: {}", request.path(), route.settings().to(),
                    cause.getMessage());
            return unavailable("Danube did not accept the message");
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static CompletableFuture<WebhookResponse> done(WebhookResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static WebhookResponse unavailable(String message) {
        return WebhookResponse.error(503, "danube_unavailable", message + "; retry later").withHeader("Retry-After",
                "1");
    }

    private static JsonNode parse(byte[] body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new JsonProcessingException("empty body") {
            };
        }
        return node;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/")
                                                         && mediaType.endsWith("+json"));
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
