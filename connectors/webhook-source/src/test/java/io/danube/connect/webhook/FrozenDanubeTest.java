package io.danube.connect.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Danube that stops answering without closing its connections: the broker runs in a JVM of its own, frozen with
 * SIGSTOP. Requests then wait for a confirmation that does not come; none of them may hold a server thread.
 */
class FrozenDanubeTest extends WebhookTestSupport {

    @TempDir
    Path dir;

    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^connector_inflight_messages\\{[^}]*} (\\S+)$");

    private Process broker;

    @AfterEach
    void stopBroker() throws Exception {
        if (runtime != null) {
            runtime.stop();
            runtime = null;
        }
        if (broker != null && broker.isAlive()) {
            signal("CONT");
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    private String startBrokerProcess() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        broker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.danube.embedded.EmbeddedDanubeMain", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
        await("broker listening").atMost(Duration.ofSeconds(60)).until(() -> accepts(port));
        return "http://127.0.0.1:" + port;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(broker.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(HttpRequest.newBuilder(uri("/events")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Records handed to the runtime and not settled yet, from the connector's metrics. */
    private int waitingForDanube() {
        Matcher gauge = IN_FLIGHT.matcher(runtime.metrics().scrape());
        int total = 0;
        while (gauge.find()) {
            total += (int) Double.parseDouble(gauge.group(1));
        }
        return total;
    }

    @Test
    void requestsWaitingForAFrozenDanubeHoldNoServerThreadAndAre503WithRetryAfterThenServedAfterItThaws()
            throws Exception {
        String serviceUrl = startBrokerProcess();
        start(serviceUrl, serverToml("worker_threads = 1").replace("request_timeout_ms = 3000",
                "request_timeout_ms = 4000") + """
                [auth]
                type = "none"
                [[routes]]
                from = "/events"
                to = "%s"
                reliable_dispatch = true
                """.formatted(uniqueTopic("frozen")), Map.of());
        await("ready").atMost(Duration.ofSeconds(30)).until(() -> get("/ready").statusCode() == 200);
        assertThat(post("/events", "warm-up").statusCode()).isEqualTo(200);

        signal("STOP");
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waiting.add(postAsync("while-frozen-" + i));
        }
        await("a request waiting for Danube").atMost(Duration.ofSeconds(10)).until(() -> waitingForDanube() >= 1);
        long asked = System.nanoTime();
        HttpResponse<String> health = get("/health");
        Duration healthTook = Duration.ofNanos(System.nanoTime() - asked);
        boolean someStillWaiting = waiting.stream().anyMatch(answer -> !answer.isDone());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(someStillWaiting).as("requests were waiting for Danube while /health was answered").isTrue();
        assertThat(healthTook).as("/health answered by the only worker thread while requests wait for Danube")
                .isLessThan(Duration.ofSeconds(2));
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<HttpResponse<String>> answer : waiting) {
            assertThat(answer.join().statusCode()).isEqualTo(503);
            assertThat(answer.join().headers().firstValue("Retry-After")).isPresent();
        }

        signal("CONT");
        await("accepted after the thaw").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/events", "after-thaw").statusCode() == 200);
        assertThat(runtime.fatalError()).isNull();
    }
}
