package io.danube.connect.runtime.source;

import io.danube.connect.api.FatalException;
import io.danube.connect.api.Offset;
import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.api.SourceSender;
import io.danube.connect.observability.ConnectorMetrics;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The path of every source record, from both polling and streaming connectors: bounded in-flight records
 * (backpressure), publish with retries, then offsets released in send order to the commit thread. A record handed over
 * with {@link #send} is retried until the runtime stops (a source recovers by itself from a Danube outage of any
 * length); one that can never be published is dead-lettered and counts as settled. Only a record still failing when
 * the runtime stops is reported as fatal: later offsets stay uncommitted, so nothing after it is lost on restart. A
 * record handed over with {@link #trySend} never waits for an in-flight slot, is retried {@code max_retries} times
 * and then only fails its own future: the caller has the external system resend it.
 */
final class RecordPipeline implements SourceSender {

    private final SourcePublisher publisher;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final ExecutorService committer;
    private final Consumer<List<Offset>> commit;
    private final Consumer<Throwable> fatal;
    private final ConnectorMetrics metrics;
    private volatile boolean closed;

    RecordPipeline(SourcePublisher publisher, int maxInFlight, ExecutorService committer,
                   Consumer<List<Offset>> commit, Consumer<Throwable> fatal, ConnectorMetrics metrics) {
        this.publisher = publisher;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.committer = committer;
        this.commit = commit;
        this.fatal = fatal;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<Void> send(SourceRecord record) {
        return publish(record, true);
    }

    @Override
    public CompletableFuture<Void> trySend(SourceRecord record) {
        if (record.offset().isPresent()) {
            throw new IllegalArgumentException("trySend takes records without an offset, got " + record);
        }
        refuseWhenClosed();
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new RetryableException("Danube has " + maxInFlight
                                                                         + " records in flight; resend later"));
        }
        return publishAcquired(record, false);
    }

    @Override
    public int capacity() {
        return maxInFlight;
    }

    @Override
    public Optional<CompletableFuture<Void>> offer(SourceRecord record) {
        refuseWhenClosed();
        return inFlight.tryAcquire() ? Optional.of(publishAcquired(record, true)) : Optional.empty();
    }

    private void refuseWhenClosed() {
        if (closed) {
            throw new FatalException("The source runtime is shutting down and accepts no more records");
        }
    }

    private CompletableFuture<Void> publish(SourceRecord record, boolean failureIsFatal) {
        refuseWhenClosed();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalException("Interrupted while waiting to send a record to " + record.topic(), e);
        }
        return publishAcquired(record, failureIsFatal);
    }

    /** Publishes a record that holds an in-flight permit. */
    private CompletableFuture<Void> publishAcquired(SourceRecord record, boolean failureIsFatal) {
        String topic = record.topic();
        long sequence = offsets.register(record.offset().orElse(null));
        metrics.received(topic, 1);
        metrics.inFlight(topic, 1);
        CompletableFuture<Void> published;
        try {
            published = publisher.publish(record, failureIsFatal);
        } catch (RuntimeException e) {
            inFlight.release();
            metrics.inFlight(topic, -1);
            throw e;
        }
        return published.whenComplete((ok, error) -> {
            inFlight.release();
            metrics.inFlight(topic, -1);
            if (error != null && failureIsFatal) {
                fatal.accept(new FatalException("Publishing to " + topic + " failed after retries; offsets from this"
                                                + " record on are not committed", error));
                return;
            }
            if (error == null) {
                metrics.sent(topic, 1);
            }
            // Released and queued under the tracker's lock: completions on other threads must not overtake this
            // release on the single commit thread, or offsets would be committed out of send order.
            synchronized (offsets) {
                List<Offset> committable = offsets.accepted(sequence);
                if (!committable.isEmpty()) {
                    committer.execute(() -> commit.accept(committable));
                }
            }
        });
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Refuses further records. */
    void close() {
        closed = true;
    }

    /** Waits until every record handed over was settled, at most until {@code deadline} (nano time). */
    boolean awaitIdle(long deadline) throws InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (!inFlight.tryAcquire(maxInFlight, Math.max(remaining, 0), TimeUnit.NANOSECONDS)) {
            return false;
        }
        inFlight.release(maxInFlight);
        return true;
    }
}
