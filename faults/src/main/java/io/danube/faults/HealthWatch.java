package io.danube.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls {@code /health} of each connector every 500 ms and keeps the distinct states seen, in order of first sight:
 * the {@code status} of the JSON answer, or {@code down} when nothing answers.
 */
final class HealthWatch implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("^\\{\"status\":\"([a-z_]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final Map<String, String> last = new ConcurrentHashMap<>();
    private final Map<String, String> lastAnswer = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-suite-health");
        thread.setDaemon(true);
        return thread;
    });

    HealthWatch(List<ConnectorProcess> connectors) {
        timer.scheduleWithFixedDelay(() -> connectors.forEach(this::poll), 0, 500, TimeUnit.MILLISECONDS);
    }

    private void poll(ConnectorProcess connector) {
        String state;
        String answer = "";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + connector.metricsPort() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            answer = response.body();
            Matcher matcher = STATUS.matcher(answer);
            state = matcher.find() ? matcher.group(1) : "http_" + response.statusCode();
        } catch (Exception e) {
            state = "down";
        }
        last.put(connector.name(), state);
        lastAnswer.put(connector.name(), answer);
        seen.computeIfAbsent(connector.name(), name -> java.util.Collections.synchronizedSet(new LinkedHashSet<>()))
                .add(state);
    }

    String last(String connector) {
        return last.getOrDefault(connector, "unknown");
    }

    /** The last {@code /health} body of the connector, empty when it did not answer. */
    String lastAnswer(String connector) {
        return lastAnswer.getOrDefault(connector, "");
    }

    Map<String, List<String>> seen() {
        Map<String, List<String>> copy = new TreeMap<>();
        seen.forEach((name, states) -> {
            synchronized (states) {
                copy.put(name, List.copyOf(states));
            }
        });
        return copy;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
