package io.danube.connect.runtime.source;

import io.danube.connect.observability.ConnectorMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publish attempts that failed, for metrics and the {@code danube} health: each failed attempt is counted as a
 * {@code publish} error (and a retry when the route redelivers it), and each record being retried is remembered, by
 * its exchange, from its first failure until it is settled (accepted, dead-lettered or given up). Health reports the
 * oldest of them, so a record stuck in retries shows even while other records of its topic get through.
 */
final class PublishFailures {

    /** A record whose publish is being retried: since when, and the last error. */
    record Retrying(String topic, Instant since, String error) {
    }

    private final ConnectorMetrics metrics;
    private final Map<String, Retrying> retrying = new ConcurrentHashMap<>();

    PublishFailures(ConnectorMetrics metrics) {
        this.metrics = metrics;
    }

    /** A failed attempt of the record of exchange {@code exchangeId} that the route is about to redeliver. */
    void retrying(String exchangeId, String topic, Exception error) {
        metrics.error(topic, "publish", 1);
        metrics.retried(topic);
        String text = error == null ? "unknown error" : String.valueOf(error.getMessage());
        retrying.compute(exchangeId, (id, known) -> new Retrying(topic, known == null ? Instant.now() : known.since(),
                text));
    }

    /** The last attempt of a record failed: counted; the record is settled by the caller. */
    void failed(String exchangeId, String topic) {
        metrics.error(topic, "publish", 1);
        settled(exchangeId);
    }

    /** The record of exchange {@code exchangeId} is no longer retried. */
    void settled(String exchangeId) {
        retrying.remove(exchangeId);
    }

    /** The record that has been retried the longest, if any. */
    Optional<Retrying> oldest() {
        return retrying.values().stream().min(Comparator.comparing(Retrying::since));
    }

    /** How many records are being retried. */
    int count() {
        return retrying.size();
    }

    static String describe(Retrying oldest, int count) {
        long seconds = Duration.between(oldest.since(), Instant.now()).toSeconds();
        return count + " record(s) being retried; the oldest for " + seconds + " s on " + oldest.topic() + ": "
               + oldest.error();
    }
}
