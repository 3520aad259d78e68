package io.danube.connect.webhook.http;

import io.danube.connect.config.ConfigException;
import io.danube.connect.tls.PemFile;
import io.danube.connect.tls.PemTls;
import io.danube.connect.webhook.config.ServerSettings;
import io.danube.connect.webhook.config.TlsSettings;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The HTTP side: a Vert.x server ({@link VertxPlatformHttpServer}, as camel-platform-http-main runs it) on the
 * configured host, port, body limit and TLS, and one Camel route from {@code platform-http:/} (every path and method)
 * that hands each request to the {@link WebhookHandler} and writes its answer once Danube accepted the message, through
 * a {@link NonBlockingPlatformHttpConsumer} so that no thread waits for Danube. A Vert.x handler in front of the body
 * handler refuses form bodies (415: Vert.x would decode them, and fail with a 500 on malformed ones) and bodies whose
 * declared length exceeds the limit (413) before they are read.
 */
public final class WebhookServer implements AutoCloseable {

    private final CamelContext camel;
    private final VertxPlatformHttpServer server;
    private final String routeId;

    private WebhookServer(CamelContext camel, VertxPlatformHttpServer server, String routeId) {
        this.camel = camel;
        this.server = server;
        this.routeId = routeId;
    }

    /**
     * Starts the server and the route in {@code camel} (which must be started). The context's {@code platform-http}
     * component gets the {@link NonBlockingPlatformHttpEngine}.
     *
     * @param env   looks up the key store password variable
     * @param vertx the Vert.x instance of the server (its worker pool runs the request checks); not closed here
     */
    public static WebhookServer start(CamelContext camel, ServerSettings settings, WebhookHandler handler,
                                      Function<String, String> env, Vertx vertx) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(settings.host());
        configuration.setBindPort(settings.port());
        configuration.setMaxBodySize(settings.maxBodySize());
        if (settings.tls() != null) {
            configuration.setSslContextParameters(sslContext(settings.tls(), env));
        }
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(configuration);
        String routeId = "webhook-http-" + UUID.randomUUID();
        try {
            NonBlockingPlatformHttpEngine engine = new NonBlockingPlatformHttpEngine();
            engine.setCamelContext(camel);
            camel.getComponent("platform-http", PlatformHttpComponent.class).setEngine(engine);
            // The server takes the context's Vert.x when it initializes (a Vert.x set on it before is dropped).
            camel.getRegistry().bind(vertxBeanName(routeId), Vertx.class, vertx);
            camel.addService(server, true, true);
            VertxPlatformHttpRouter router = camel.getRegistry().findSingleByType(VertxPlatformHttpRouter.class);
            router.route().order(-100).handler(context -> screen(context, settings.maxBodySize(),
                    settings.requestTimeout()));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/?matchOnUriPrefix=true").routeId(routeId)
                            .process(new AsyncProcessorSupport() {
                                @Override
                                public boolean process(Exchange exchange, AsyncCallback callback) {
                                    return answer(handler, exchange, callback);
                                }
                            });
                }
            });
        } catch (Exception e) {
            stopQuietly(camel, server);
            throw new IllegalStateException("Cannot start the webhook HTTP server on " + settings.host() + ":"
                                            + settings.port() + ": " + e.getMessage(), e);
        }
        return new WebhookServer(camel, server, routeId);
    }

    /** The port the server listens on (the real one when configured as 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the webhook route " + routeId, e);
        } finally {
            stopQuietly(camel, server);
            camel.getRegistry().unbind(vertxBeanName(routeId));
        }
    }

    private static String vertxBeanName(String routeId) {
        return "vertx-of-" + routeId;
    }

    private static void stopQuietly(CamelContext camel, VertxPlatformHttpServer server) {
        try {
            camel.removeService(server);
        } catch (Exception ignored) {
            // removeService only fails if stopping fails; the server is stopped below anyway.
        }
        server.stop();
    }

    /** Completes the exchange when the handler's answer is ready, without blocking the route's thread. */
    private static boolean answer(WebhookHandler handler, Exchange exchange, AsyncCallback callback) {
        CompletableFuture<WebhookResponse> response = handler.handle(request(exchange));
        if (response.isDone()) {
            respond(exchange, response.join());
            callback.done(true);
            return true;
        }
        response.whenComplete((answer, error) -> {
            respond(exchange, error == null ? answer
                    : WebhookResponse.error(503, "danube_unavailable", "the message could not be handed over"));
            callback.done(false);
        });
        return false;
    }

    private static void screen(RoutingContext context, long maxBodySize, Duration uploadTimeout) {
        String contentType = context.request().getHeader("Content-Type");
        if (contentType != null) {
            String mediaType = contentType.trim().toLowerCase(Locale.ROOT);
            if (mediaType.startsWith("multipart/") || mediaType.startsWith("application/x-www-form-urlencoded")) {
                reject(context, WebhookResponse.error(415, "unsupported_media_type",
                        "form bodies are not accepted; send JSON or raw bytes"));
                return;
            }
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && !length.isEmpty() && length.chars().allMatch(Character::isDigit)
            && (length.length() > 18 || Long.parseLong(length) > maxBodySize)) {
            reject(context, WebhookResponse.error(413, "payload_too_large", "the body exceeds " + maxBodySize
                                                                            + " bytes"));
            return;
        }
        boundUpload(context, uploadTimeout);
        context.next();
    }

    /** A request whose body has not fully arrived within {@code timeout} is answered 408 and its connection closed. */
    private static void boundUpload(RoutingContext context, Duration timeout) {
        long timer = context.vertx().setTimer(timeout.toMillis(), fired -> {
            if (!context.request().isEnded() && !context.response().ended()) {
                reject(context, WebhookResponse.error(408, "request_timeout", "the request did not arrive within "
                                                                              + timeout.toMillis() + " ms"));
            }
        });
        context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
    }

    private static void reject(RoutingContext context, WebhookResponse response) {
        context.response().setStatusCode(response.status()).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(response.json());
    }

    private static WebhookRequest request(Exchange exchange) {
        HttpServerRequest http = exchange.getIn(HttpMessage.class).getRequest();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        MultiMap raw = http.headers();
        for (Map.Entry<String, String> header : raw) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        SocketAddress peer = http.remoteAddress();
        return new WebhookRequest(http.method().name(), http.path(), headers, body == null ? new byte[0] : body,
                peer == null ? "unknown" : peer.hostAddress(), Instant.now());
    }

    private static void respond(Exchange exchange, WebhookResponse response) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        response.headers().forEach(message::setHeader);
        message.setBody(response.json());
    }

    private static SSLContextParameters sslContext(TlsSettings tls, Function<String, String> env) {
        KeyStoreParameters store = new KeyStoreParameters();
        String password;
        if (tls.keystorePath() != null) {
            String path = tls.keystorePath();
            if (!Files.isReadable(Path.of(path))) {
                throw new ConfigException("server.tls.keystore_path", "cannot read " + path);
            }
            password = tls.keystorePasswordEnv() == null ? "" : env.apply(tls.keystorePasswordEnv());
            if (password == null) {
                throw new ConfigException("server.tls.keystore_password_env", "environment variable "
                                                                              + tls.keystorePasswordEnv() + " is not set");
            }
            store.setResource("file:" + path);
            store.setType(tls.keystoreType() == null ? "PKCS12" : tls.keystoreType());
            store.setPassword(password);
        } else {
            PemFile certificate = new PemFile("server.tls.cert_path",
                    Path.of(ConfigException.requireText("server.tls.cert_path", tls.certPath())));
            PemFile key = new PemFile("server.tls.key_path",
                    Path.of(ConfigException.requireText("server.tls.key_path", tls.keyPath())));
            password = UUID.randomUUID().toString();
            store.setKeyStore(PemTls.keyStore(certificate, key, "webhook", password.toCharArray()));
            store.setPassword(password);
        }
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(store);
        keyManagers.setKeyPassword(password);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setKeyManagers(keyManagers);
        return ssl;
    }
}
