package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.DanubePosition;
import io.danube.connect.api.ErrorCategory;
import io.danube.connect.api.InvalidDataException;
import io.danube.connect.api.PositionStoringSink;
import io.danube.connect.api.RejectedRecordsException;
import io.danube.connect.api.SchemaRef;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The trait adapter: the steps of the sink routes ({@link SinkRoutes}) that hand records to
 * {@link SinkConnector#processBatch} and settle them by the outcome. The body of an exchange is a batch
 * ({@code List<PendingRecord>}) or, while a batch is processed record by record, one {@link PendingRecord}.
 * Retries and the choice of step are Camel's error handler's; these steps only act on the outcome:
 * <ul>
 *   <li>{@link #admit}: records whose schema subject is not the consumer's expected subject go to the dead-letter
 *   route, the others are counted and timed; after a fatal error records are only negatively acknowledged;</li>
 *   <li>{@link #write} first, for a {@link PositionStoringSink}, acknowledges without writing the records the sink
 *   already stores (asked again on every attempt, so a redelivery after a concurrent write skips it), then calls
 *   {@code processBatch} with the rest, counting each failed attempt by its category;</li>
 *   <li>{@link #commit}: success, every record is acknowledged;</li>
 *   <li>{@link #giveUp}: retries ran out, every record is negatively acknowledged (the broker redelivers it) and
 *   health turns degraded until a batch succeeds;</li>
 *   <li>{@link #settleRejected}: the connector wrote all but the rejected records, so they are acknowledged and only
 *   the rejected records go to the dead-letter route, each with its own reason;</li>
 *   <li>{@link #isolate} / {@link #isolated}: around the record-by-record run after other invalid data;</li>
 *   <li>{@link #fatal}: the records are negatively acknowledged and the runtime shuts down with a non-zero exit
 *   code.</li>
 * </ul>
 */
final class SinkAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SinkAdapter.class);
    /** On a batch exchange: {@link System#nanoTime()} when its processing began, until the time is recorded. */
    private static final String STARTED = "DanubeSinkBatchStarted";
    /** On an exchange processed record by record: set once one of its records ran out of retries. */
    private static final String GAVE_UP = "DanubeSinkIsolationGaveUp";

    private final SinkConnector connector;
    private final ConnectorMetrics metrics;
    private final ConnectorHealth health;
    private final Settlements settlements;
    private final SchemaSubjects schemaSubjects;
    private final Consumer<Throwable> fatalError;
    private final ProducerTemplate template;
    private final String deadLetterUri;
    private final Map<ConsumerConfig, Boolean> storesPositions = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param fatalError    the runtime's fatal path
     * @param template      sends records to {@code deadLetterUri}, the dead-letter route
     */
    SinkAdapter(SinkConnector connector, ConnectorMetrics metrics, ConnectorHealth health, Settlements settlements,
                SchemaSubjects schemaSubjects, Consumer<Throwable> fatalError, ProducerTemplate template,
                String deadLetterUri) {
        this.connector = connector;
        this.metrics = metrics;
        this.health = health;
        this.settlements = settlements;
        this.schemaSubjects = schemaSubjects;
        this.fatalError = fatalError;
        this.template = template;
        this.deadLetterUri = deadLetterUri;
        health.report("processing", ComponentHealth.healthy("no batch processed yet"));
    }

    @SuppressWarnings("unchecked")
    static List<PendingRecord> records(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        return body instanceof PendingRecord single ? List.of(single) : (List<PendingRecord>) body;
    }

    /** The first step for a batch: see the class comment. Ends the route when nothing is left to process. */
    void admit(Exchange exchange) {
        if (!admitRecord(exchange)) {
            return;
        }
        List<PendingRecord> batch = withoutUnexpectedSchemas(records(exchange));
        if (batch.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        exchange.getIn().setBody(batch);
        topics(batch).forEach(metrics::batchSize);
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** The first step for a record of a batch processed record by record: nothing more after a fatal error. */
    boolean admitRecord(Exchange exchange) {
        if (stopped) {
            settlements.nack(records(exchange));
            exchange.setRouteStop(true);
            return false;
        }
        return true;
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
                settlements.nack(List.of(pending));
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

    /**
     * Skips what the sink already stores, then calls {@code processBatch} with the rest; Camel's error handler calls
     * it again for a retry. The body keeps only the records still to be settled by the outcome.
     */
    void write(Exchange exchange) {
        List<PendingRecord> batch = withoutStored(records(exchange));
        exchange.getIn().setBody(batch);
        if (batch.isEmpty()) {
            return;
        }
        List<SinkRecord> records = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            records.add(pending.record());
        }
        try {
            connector.processBatch(records);
        } catch (RuntimeException e) {
            metrics.error(batch.get(0).record().topic(), ErrorCategory.of(e).label(), 1);
            throw e;
        }
    }

    /**
     * The records of {@code batch} a {@link PositionStoringSink} does not store yet; the stored ones are acknowledged
     * and counted as skipped. A failure to ask counts and propagates like a failure of {@code processBatch}.
     */
    private List<PendingRecord> withoutStored(List<PendingRecord> batch) {
        if (!(connector instanceof PositionStoringSink sink) || batch.isEmpty()) {
            return batch;
        }
        List<DanubePosition> positions = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            if (storesPositions.computeIfAbsent(pending.source(), sink::storesPositions)) {
                positions.add(pending.record().position());
            }
        }
        if (positions.isEmpty()) {
            return batch;
        }
        Set<DanubePosition> stored;
        try {
            stored = sink.alreadyStored(positions);
        } catch (RuntimeException e) {
            metrics.error(batch.get(0).record().topic(), ErrorCategory.of(e).label(), 1);
            throw e;
        }
        if (stored.isEmpty()) {
            return batch;
        }
        List<PendingRecord> remaining = new ArrayList<>(batch.size());
        List<PendingRecord> skipped = new ArrayList<>(stored.size());
        for (PendingRecord pending : batch) {
            boolean storing = storesPositions.get(pending.source());
            (storing && stored.contains(pending.record().position()) ? skipped : remaining).add(pending);
        }
        LOG.info("Skipping {} redelivered record(s) the sink already stores", skipped.size());
        topics(skipped).forEach((topic, count) -> metrics.skipped(topic, "already_written", count));
        settlements.ackUnwritten(skipped);
        return remaining;
    }

    void commit(Exchange exchange) {
        List<PendingRecord> batch = records(exchange);
        recordDuration(exchange, batch);
        settlements.ack(batch);
        if (exchange.getProperty(GAVE_UP) == null) {
            health.report("processing", ComponentHealth.healthy("last batch of " + batch.size() + " succeeded"));
        }
    }

    /** Before a redelivery of {@link #write}. */
    void retrying(Exchange exchange) {
        List<PendingRecord> batch = records(exchange);
        Throwable error = failure(exchange);
        LOG.warn("Batch of {} failed (attempt {}), retrying: {}", batch.size(),
                exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class),
                error == null ? "" : error.getMessage());
        metrics.retried(batch.get(0).record().topic());
    }

    void giveUp(Exchange exchange) {
        List<PendingRecord> batch = records(exchange);
        recordDuration(exchange, batch);
        Throwable error = failure(exchange);
        String detail = "batch of " + batch.size() + " failed after retries: " + error.getMessage();
        LOG.error("{}; negatively acknowledging it for redelivery", detail, error);
        health.report("processing", ComponentHealth.degraded(detail));
        AtomicBoolean gaveUp = exchange.getProperty(GAVE_UP, AtomicBoolean.class);
        if (gaveUp != null) {
            gaveUp.set(true);
        }
        settlements.nack(batch);
    }

    /** The connector wrote all but the rejected records: ack those, dead-letter the rejected ones. */
    void settleRejected(Exchange exchange) {
        List<PendingRecord> batch = records(exchange);
        recordDuration(exchange, batch);
        RejectedRecordsException rejected = (RejectedRecordsException) failure(exchange);
        List<PendingRecord> written = new ArrayList<>(batch.size());
        for (PendingRecord pending : batch) {
            rejected.reasonFor(pending.record()).ifPresentOrElse(reason -> deadLetter(pending, reason),
                    () -> written.add(pending));
        }
        settlements.ack(written);
        health.report("processing", ComponentHealth.healthy("last batch of " + batch.size() + " succeeded with "
                                                            + rejected.rejections().size() + " rejected record(s)"));
    }

    /** Before a batch that raised invalid data is processed record by record. */
    void isolate(Exchange exchange) {
        List<PendingRecord> batch = records(exchange);
        recordDuration(exchange, batch);
        LOG.warn("Batch of {} raised invalid data; processing its records one at a time", batch.size());
        exchange.setProperty(GAVE_UP, new AtomicBoolean());
    }

    /** After a batch was processed record by record. */
    void isolated(Exchange exchange) {
        if (!exchange.getProperty(GAVE_UP, AtomicBoolean.class).get() && !stopped) {
            health.report("processing", ComponentHealth.healthy("last batch of " + records(exchange).size()
                                                                + " processed record by record"));
        }
    }

    void fatal(Exchange exchange) {
        stopped = true;
        List<PendingRecord> batch = records(exchange);
        recordDuration(exchange, batch);
        settlements.nack(batch);
        Throwable error = failure(exchange);
        health.report("processing", ComponentHealth.unhealthy("fatal: " + error.getMessage()));
        fatalError.accept(error);
    }

    private void deadLetter(PendingRecord pending, Throwable reason) {
        template.send(deadLetterUri, exchange -> {
            exchange.getIn().setBody(pending);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
        });
    }

    private void recordDuration(Exchange exchange, List<PendingRecord> batch) {
        Object started = exchange.removeProperty(STARTED);
        if (started != null) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - (long) started);
            topics(batch).keySet().forEach(topic -> metrics.processingTime(topic, elapsed));
        }
    }

    private static Throwable failure(Exchange exchange) {
        Throwable error = exchange.getException();
        return error != null ? error : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static Map<String, Integer> topics(List<PendingRecord> batch) {
        return batch.stream().collect(Collectors.groupingBy(p -> p.record().topic(),
                Collectors.summingInt(p -> 1)));
    }
}
