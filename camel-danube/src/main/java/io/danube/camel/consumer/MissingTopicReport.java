package io.danube.camel.consumer;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reports a subscription waiting for its topic to be created (a sink usually starts before the first producer): one
 * line when the wait begins, then one per {@code interval} while it lasts, however often subscribing is retried.
 */
final class MissingTopicReport {

    /** How often a continuing wait is reported again. */
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final String topic;
    private final String subscription;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> report;
    private int attempts;
    private long lastReportNanos;

    MissingTopicReport(String topic, String subscription, Duration interval, LongSupplier nanoClock,
                       Consumer<String> report) {
        this.topic = topic;
        this.subscription = subscription;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.report = report;
    }

    /** One more attempt found no topic. */
    synchronized void missing() {
        attempts++;
        long now = nanoClock.getAsLong();
        if (attempts == 1) {
            report.accept("Danube topic " + topic + " does not exist yet; subscription " + subscription
                          + " subscribes as soon as a producer creates it");
            lastReportNanos = now;
        } else if (now - lastReportNanos >= intervalNanos) {
            report.accept("Danube topic " + topic + " still does not exist after " + attempts
                          + " subscription attempts; subscription " + subscription + " keeps waiting");
            lastReportNanos = now;
        }
    }

    /** The topic appeared (or the consumer stopped); a later wait is reported afresh. */
    synchronized void reset() {
        attempts = 0;
    }
}
