package io.danube.connect.webhook;

import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.webhook.auth.NoAuthentication;
import io.danube.connect.webhook.config.WebhookSettings;
import io.danube.connect.webhook.http.WebhookHandler;
import io.danube.connect.webhook.http.WebhookResponse;
import io.danube.connect.webhook.http.WebhookRoute;
import io.danube.connect.webhook.http.WebhookRequest;
import io.danube.connect.webhook.ratelimit.ClientAddressResolver;
import io.danube.connect.webhook.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code [server] timeout_seconds} (the Rust connector's key) bounds how long a request is handled: the upload of its
 * body, and the wait for Danube's confirmation.
 */
class RequestTimeoutTest extends WebhookTestSupport {

    @Test
    void timeoutSecondsBoundsTheUploadOfABodyThatNeverCompletes() throws Exception {
        start("""
                [server]
                host = "127.0.0.1"
                port = 0
                timeout_seconds = 1
                [auth]
                type = "none"
                [[routes]]
                from = "/hooks/upload"
                to = "%s"
                """.formatted(uniqueTopic("upload")), Map.of());

        try (Socket socket = new Socket("127.0.0.1", connector.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /hooks/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"half\":")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader response = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));

            assertThat(response.readLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
        }
    }

    @Test
    void timeoutSecondsBoundsHowLongARequestWaitsForDanube() {
        WebhookSettings settings = WebhookSettings.from(new ConnectorConfigLoader(Map.of()).parse("""
                danube_service_url = "http://127.0.0.1:6650"
                connector_name = "timeout"
                [server]
                timeout_seconds = 1
                [auth]
                type = "none"
                [[routes]]
                from = "/hooks/slow"
                to = "/default/slow"
                """, ConnectorConfigLoader.Format.TOML, Map.of()));
        WebhookHandler handler = new WebhookHandler(List.of(WebhookRoute.of(settings.routes().get(0), 0)),
                new NoAuthentication(),
                new RateLimiter(null, settings.routes(), System::nanoTime), new ClientAddressResolver(List.of()),
                () -> true, record -> new CompletableFuture<>(), settings.server().maxBodySize(),
                settings.server().requestTimeout());

        CompletableFuture<WebhookResponse> answer = handler.handle(new WebhookRequest("POST", "/hooks/slow",
                Map.of(), "{}".getBytes(StandardCharsets.UTF_8), "127.0.0.1", Instant.now()));

        await("answered though Danube never confirmed").atMost(Duration.ofSeconds(30)).until(answer::isDone);
        assertThat(answer.join().status()).isEqualTo(503);
        assertThat(answer.join().json()).contains("within 1000 ms");
    }
}
