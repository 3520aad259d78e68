package io.danube.connect.runtime.sink;

import io.danube.connect.config.ProcessingSettings;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.support.ExpressionAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Aggregate EIP settings of the sink batch: collects the {@link PendingRecord} bodies of consumed exchanges into one
 * pre-sized list and computes when the batch is due. A batch is complete when it holds {@code batch_size} records
 * ({@code completionSize}), when {@code batch_timeout_ms} passed since its first record ({@link #deadlinePassed()} on
 * arrival, else the {@link #flushDelay()} completion timeout), or when no record arrived for {@code batch_linger_ms}
 * (the same completion timeout: Camel's is an inactivity timeout, reset by every record, so each record sets it to
 * whichever comes first, the linger or the rest of the batch timeout).
 */
final class BatchAggregation implements AggregationStrategy {

    /** On the batch exchange: {@link System#nanoTime()} at which the batch is due whatever arrives. */
    private static final String DEADLINE = "DanubeSinkBatchDeadline";
    /** On each record's exchange: milliseconds of inactivity after which the batch is flushed. */
    private static final String FLUSH_IN = "DanubeSinkBatchFlushInMillis";

    private final int batchSize;
    private final long timeoutNanos;
    private final long lingerMillis;

    BatchAggregation(ProcessingSettings settings) {
        this.batchSize = settings.batchSize();
        this.timeoutNanos = settings.batchTimeout().toNanos();
        this.lingerMillis = settings.batchLinger().toMillis();
    }

    /** How often Camel's timeout checker looks for due batches: half the shortest flush delay, 1..50 ms. */
    static long timeoutCheckerIntervalMillis(ProcessingSettings settings) {
        long shortest = settings.batchTimeout().toMillis();
        if (settings.batchLinger().toMillis() > 0) {
            shortest = Math.min(shortest, settings.batchLinger().toMillis());
        }
        return Math.max(1, Math.min(50, shortest / 2));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange next) {
        PendingRecord record = (PendingRecord) next.getIn().getBody();
        long now = System.nanoTime();
        long deadline;
        if (batch == null) {
            List<PendingRecord> records = new ArrayList<>(batchSize);
            records.add(record);
            next.getIn().setBody(records);
            deadline = now + timeoutNanos;
            next.setProperty(DEADLINE, deadline);
            batch = next;
        } else {
            ((List<PendingRecord>) batch.getIn().getBody()).add(record);
            deadline = (long) batch.getProperty(DEADLINE);
        }
        long untilDeadline = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now));
        next.setProperty(FLUSH_IN, lingerMillis > 0 ? Math.min(lingerMillis, untilDeadline) : untilDeadline);
        return batch;
    }

    /** Completion predicate: the batch timeout passed, so the record that just arrived closes the batch. */
    Predicate deadlinePassed() {
        return exchange -> System.nanoTime() - (long) exchange.getProperty(DEADLINE) >= 0;
    }

    /** Completion timeout, evaluated for every record: the inactivity after which the batch is flushed. */
    Expression flushDelay() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return exchange.getProperty(FLUSH_IN);
            }
        };
    }
}
