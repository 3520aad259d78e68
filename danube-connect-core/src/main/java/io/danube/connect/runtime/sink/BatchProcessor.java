package io.danube.connect.runtime.sink;

import io.danube.client.retry.RetryPolicy;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.SchemaRef;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The sink error policy, applied to one batch at a time on the batcher thread:
 * <ul>
 *   <li>records whose schema subject is not the consumer's expected subject go to the dead-letter topic first;</li>
 *   <li>success: every message of the batch is acknowledged;</li>
 *   <li>retryable (or any unexpected exception): the batch is retried with backoff; when retries run out every message
 *   is negatively acknowledged (the broker redelivers it) and health turns degraded until a batch succeeds;</li>
 *   <li>rejected records ({@link RejectedRecordsException}): the connector wrote the rest, so they are acknowledged and
 *   only the rejected records go to the dead-letter topic, each with its own reason;</li>
 *   <li>other invalid data: the records are processed one at a time, each with the same retry policy, and those that
 *   still raise invalid data go to the dead-letter topic and are acknowledged, so the good records commit;</li>
 *   <li>fatal: the batch is negatively acknowledged and the runtime shuts down with a non-zero exit code.</li>
 * </ul>
 */
final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final SinkConnector connector;
    private final RetryPolicy backoff;
    private final DeadLetterPublisher deadLetters;
    private final ConnectorMetrics metrics;
    private final ConnectorHealth health;
    private final Consumer<Throwable> fatal;
    private final SchemaSubjects schemaSubjects;
    private final Set<CompletableFuture<Void>> unsettled = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    BatchProcessor(SinkConnector connector, RetryPolicy backoff, DeadLetterPublisher deadLetters,
                   ConnectorMetrics metrics, ConnectorHealth health, Consumer<Throwable> fatal,
                   SchemaSubjects schemaSubjects) {
        this.schemaSubjects = schemaSubjects;
        this.connector = connector;
        this.backoff = backoff;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.health = health;
        this.fatal = fatal;
        health.report("processing", ComponentHealth.healthy("no batch processed yet"));
    }

    void process(List<PendingRecord> batch) {
        if (stopped) {
            nack(batch);
            return;
        }
        MDC.put("topic", batch.get(0).record().topic());
        try {
            processBatch(batch);
        } finally {
            MDC.remove("topic");
        }
    }

    private void processBatch(List<PendingRecord> all) {
        List<PendingRecord> batch = withoutUnexpectedSchemas(all);
        if (batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        topics(batch).forEach((topic, count) -> metrics.batchSize(topic, count));
        Outcome outcome = attempt(batch);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        topics(batch).keySet().forEach(topic -> metrics.processingTime(topic, elapsed));
        if (outcome.succeeded()) {
            ack(batch);
            health.report("processing", ComponentHealth.healthy("last batch of " + batch.size() + " succeeded"));
            return;
        }
        switch (outcome.category()) {
            case INVALID_DATA -> {
                if (outcome.error() instanceof RejectedRecordsException rejected) {
                    settleRejected(batch, rejected);
                } else if (batch.size() == 1) {
                    deadLetter(batch.get(0), outcome.error());
                } else {
                    isolate(batch);
                }
            }
            case RETRYABLE -> giveUp(batch, outcome.error());
            case FATAL -> failFatally(batch, outcome.error());
        }
    }

    /**
     * Dead-letters records whose schema subject is not their consumer's {@code expectedSchemaSubject} (or whose
     * schema cannot be resolved) and returns the others.
     */
    private List<PendingRecord> withoutUnexpectedSchemas(List<PendingRecord> batch) {
        List<PendingRecord> accepted = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            String expected = pending.source().expectedSchemaSubject();
            SchemaRef schema = pending.record().schema();
            if (expected == null || schema == null) {
                accepted.add(pending);
                continue;
            }
            String actual;
            try {
                actual = schemaSubjects.subjectOf(schema.id());
            } catch (RuntimeException e) {
                metrics.error(pending.record().topic(), "schema", 1);
                LOG.warn("Cannot resolve schema {} of {}; leaving it for redelivery: {}", schema.id(),
                        pending.record(), e.getMessage());
                nack(List.of(pending));
                continue;
            }
            if (expected.equals(actual)) {
                accepted.add(pending);
            } else {
                metrics.error(pending.record().topic(), "schema", 1);
                deadLetter(pending, new InvalidDataException("Schema subject '" + actual + "' is not the expected '"
                                                             + expected + "'", null, pending.record().context()));
            }
        }
        return accepted;
    }

    private void isolate(List<PendingRecord> batch) {
        LOG.warn("Batch of {} raised invalid data; processing its records one at a time", batch.size());
        boolean gaveUp = false;
        for (int i = 0; i < batch.size(); i++) {
            PendingRecord pending = batch.get(i);
            Outcome outcome = attempt(List.of(pending));
            if (outcome.succeeded()) {
                ack(List.of(pending));
                continue;
            }
            switch (outcome.category()) {
                case INVALID_DATA -> deadLetter(pending, outcome.error());
                case RETRYABLE -> {
                    giveUp(List.of(pending), outcome.error());
                    gaveUp = true;
                }
                case FATAL -> {
                    failFatally(batch.subList(i, batch.size()), outcome.error());
                    return;
                }
            }
        }
        if (!gaveUp) {
            health.report("processing", ComponentHealth.healthy("last batch of " + batch.size()
                                                                + " processed record by record"));
        }
    }

    /** The connector wrote all but the rejected records: ack those, dead-letter the rejected ones. */
    private void settleRejected(List<PendingRecord> batch, RejectedRecordsException rejected) {
        List<PendingRecord> written = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            rejected.reasonFor(pending.record()).ifPresentOrElse(reason -> deadLetter(pending, reason),
                    () -> written.add(pending));
        }
        ack(written);
        health.report("processing", ComponentHealth.healthy("last batch of " + batch.size() + " succeeded with "
                                                            + rejected.rejections().size() + " rejected record(s)"));
    }

    private void deadLetter(PendingRecord pending, Throwable error) {
        String topic = pending.record().topic();
        try {
            deadLetters.publish(pending, error);
            metrics.deadLettered(topic);
            LOG.warn("Record {} sent to dead-letter topic {}: {}", pending.record(),
                    pending.source().effectiveDeadLetterTopic(), error.getMessage());
            ack(List.of(pending));
        } catch (RuntimeException e) {
            metrics.error(topic, "dead_letter", 1);
            LOG.error("Could not dead-letter record {}; leaving it for redelivery: {}", pending.record(),
                    e.getMessage(), e);
            nack(List.of(pending));
        }
    }

    /**
     * Calls {@code processBatch} until it succeeds, fails with a non-retryable category, or retries run out.
     * The outcome's category is null on success.
     */
    private Outcome attempt(List<PendingRecord> batch) {
        List<SinkRecord> records = batch.stream().map(PendingRecord::record).toList();
        String topic = batch.get(0).record().topic();
        for (int failures = 0; ; ) {
            try {
                connector.processBatch(records);
                return Outcome.SUCCESS;
            } catch (RuntimeException e) {
                ErrorCategory category = ErrorCategory.of(e);
                metrics.error(topic, category.label(), 1);
                failures++;
                if (category != ErrorCategory.RETRYABLE) {
                    return new Outcome(category, e);
                }
                if (!backoff.allowsRetry(failures) || stopped) {
                    return new Outcome(category, e);
                }
                Duration delay = Duration.ofMillis(backoff.delayMillis(failures - 1));
                LOG.warn("Batch of {} failed (attempt {}), retrying in {} ms: {}", records.size(), failures,
                        delay.toMillis(), e.getMessage());
                metrics.retried(topic);
                if (!pause(delay)) {
                    return new Outcome(category, e);
                }
            }
        }
    }

    private void giveUp(List<PendingRecord> batch, Throwable error) {
        String detail = "batch of " + batch.size() + " failed after retries: " + error.getMessage();
        LOG.error("{}; negatively acknowledging it for redelivery", detail, error);
        health.report("processing", ComponentHealth.degraded(detail));
        nack(batch);
    }

    private void failFatally(List<PendingRecord> batch, Throwable error) {
        stopped = true;
        nack(batch);
        health.report("processing", ComponentHealth.unhealthy("fatal: " + error.getMessage()));
        fatal.accept(error);
    }

    private void ack(List<PendingRecord> batch) {
        for (PendingRecord pending : batch) {
            String topic = pending.record().topic();
            track(pending.receipt().acknowledge().whenComplete((ok, error) -> {
                metrics.inFlight(topic, -1);
                if (error == null) {
                    metrics.sent(topic, 1);
                } else {
                    metrics.error(topic, "ack", 1);
                    LOG.warn("Acknowledging {} failed; the broker will redeliver it: {}", pending.record(),
                            error.getMessage());
                }
            }));
        }
    }

    /** Negatively acknowledges records so the broker redelivers them. */
    void nack(List<PendingRecord> batch) {
        for (PendingRecord pending : batch) {
            String topic = pending.record().topic();
            track(pending.receipt().negativeAcknowledge().whenComplete((ok, error) -> metrics.inFlight(topic, -1)));
        }
    }

    private void track(CompletableFuture<Void> settlement) {
        unsettled.add(settlement);
        settlement.whenComplete((ok, error) -> unsettled.remove(settlement));
    }

    /** Stops processing: batches handed in from now on are negatively acknowledged. */
    void stop() {
        stopped = true;
    }

    /** Waits until every ack and nack sent so far completed, at most until {@code deadline} (nano time). */
    void awaitSettled(long deadline) {
        CompletableFuture<?>[] pending = unsettled.toArray(CompletableFuture[]::new);
        long remaining = deadline - System.nanoTime();
        try {
            CompletableFuture.allOf(pending).get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            LOG.debug("Some settlements failed while draining", e);
        } catch (TimeoutException e) {
            LOG.warn("{} acknowledgement(s) still pending at the shutdown deadline", unsettled.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Integer> topics(List<PendingRecord> batch) {
        return batch.stream().collect(Collectors.groupingBy(p -> p.record().topic(),
                Collectors.summingInt(p -> 1)));
    }

    /** What {@link #attempt} ended with; a null category means success. */
    private record Outcome(ErrorCategory category, Throwable error) {
        static final Outcome SUCCESS = new Outcome(null, null);

        boolean succeeded() {
            return category == null;
        }
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
