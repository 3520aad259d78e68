package io.danube.connect.runtime.source;

import io.danube.connect.observability.ConnectorMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed publish attempts by topic: each is counted as a {@code publish} error (and a retry when the route redelivers
 * it), and the topic stays failing, for the {@code danube} health, until a record of it is accepted again.
 */
final class PublishFailures {

    private final ConnectorMetrics metrics;
    private final Map<String, String> failingTopics = new ConcurrentHashMap<>();

    PublishFailures(ConnectorMetrics metrics) {
        this.metrics = metrics;
    }

    /** A failed attempt the route is about to redeliver. */
    void retrying(String topic, Exception error) {
        failed(topic, error);
        metrics.retried(topic);
    }

    void failed(String topic, Exception error) {
        metrics.error(topic, "publish", 1);
        failingTopics.put(topic, error == null ? "unknown error" : String.valueOf(error.getMessage()));
    }

    void accepted(String topic) {
        failingTopics.remove(topic);
    }

    /** Topics whose last publish attempt failed, with the error; empty while publishing works. */
    Map<String, String> failingTopics() {
        return Map.copyOf(failingTopics);
    }
}
