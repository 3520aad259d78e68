package io.danube.connect.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The channel a streaming source pushes records into. Thread-safe; any number of connector threads may send.
 */
public interface SourceSender {

    /**
     * Hands one record to the runtime. Blocks while too many records are in flight (backpressure). The future
     * completes when the broker accepted the record — acknowledge the external system then for end-to-end
     * at-least-once — and fails when publishing failed for good. Inside a Camel route, chain on the future instead
     * of blocking on it: the publish may be queued on the calling route thread, and so publishes of several records
     * sent from one route step start in reverse order (send one record per exchange there).
     *
     * @throws FatalException if the runtime is shutting down and accepts no more records
     */
    CompletableFuture<Void> send(SourceRecord record);

    /**
     * Like {@link #send} for a source whose external system resends on failure (an HTTP request answered 503, an
     * unacknowledged message), and never blocking: when too many records are in flight the returned future fails at
     * once with a {@link RetryableException}, and when publishing fails for good only the returned future fails and
     * the runtime keeps running. The record must carry no offset, since nothing is committed for it. The default is
     * {@link #send}.
     *
     * @throws IllegalArgumentException if the record carries an offset
     * @throws FatalException           if the runtime is shutting down and accepts no more records
     */
    default CompletableFuture<Void> trySend(SourceRecord record) {
        return send(record);
    }

    /** Sends every record in order; the future completes when all were accepted. */
    default CompletableFuture<Void> sendAll(List<SourceRecord> records) {
        return CompletableFuture.allOf(records.stream().map(this::send).toArray(CompletableFuture[]::new));
    }

    /**
     * How many records may be in flight before {@link #send} blocks: a source whose external system can be told to
     * hold back (an MQTT receive maximum, an HTTP 503) sizes that window to this, so it never blocks a client thread.
     * The default is unbounded.
     */
    default int capacity() {
        return Integer.MAX_VALUE;
    }

    /**
     * Like {@link #send}, but never blocks: empty when {@link #capacity()} records are in flight already, for records
     * a source may drop (MQTT QoS 0). The default sends.
     *
     * @throws FatalException if the runtime is shutting down and accepts no more records
     */
    default Optional<CompletableFuture<Void>> offer(SourceRecord record) {
        return Optional.of(send(record));
    }

    /** Whether the runtime stopped accepting records. */
    boolean isClosed();
}
