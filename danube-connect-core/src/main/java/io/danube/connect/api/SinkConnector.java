package io.danube.connect.api;

import java.util.List;

/**
 * Writes records consumed from Danube to an external system. The runtime adapts it onto Camel routes: a
 * {@code danube:} consumer route per {@link #consumerConfigs() consumer config} feeds an Aggregate EIP that batches the
 * records, and each batch is handed to {@link #processBatch}; Camel's error handler acts on what it throws.
 *
 * <p>Lifecycle: {@link #initialize} once (with the {@link ConnectorContext}; it must not change the external system),
 * {@link #consumerConfigs()} once (one consumer route per entry), {@link #start()} once the routes run against
 * Danube, then {@link #processBatch} with batches of up to {@code batch_size} records, one batch at a time, never
 * concurrently (from a consumer thread or Camel's aggregation timeout thread); {@link #shutdown()} once after the
 * final batch was flushed and acknowledged.
 *
 * <p>Messages are acknowledged only after the batch that holds them returned normally. Errors:
 * {@link RetryableException} makes Camel redeliver the batch to {@code processBatch} with exponential backoff and
 * jitter, then lets the broker redeliver it; {@link InvalidDataException} makes the runtime split the batch and retry
 * the records one at a time, sending those that still fail through a dead-letter channel to the dead-letter topic,
 * unless it is a {@link RejectedRecordsException}, which dead-letters only the records it names and acknowledges the
 * rest; {@link FatalException} stops the connector with a non-zero exit code. Any other exception counts as
 * retryable.
 */
public interface SinkConnector extends Connector {

    /** Every topic to consume. Must not be empty. */
    List<ConsumerConfig> consumerConfigs();

    /**
     * Called once after the consumer routes and their dead-letter producers started, so Danube is known to accept
     * them: the place for changes to the external system (creating tables), which {@code initialize} must not make.
     * The default does nothing.
     */
    default void start() {
    }

    /**
     * Writes one record. Only called by the default {@link #processBatch}; a sink that implements
     * {@code processBatch} need not implement this.
     */
    default void process(SinkRecord record) {
        throw new FatalException(getClass().getName() + " implements neither process(record) nor processBatch(records)");
    }

    /** Writes a batch; the default calls {@link #process} for each record in order. */
    default void processBatch(List<SinkRecord> records) {
        for (SinkRecord record : records) {
            process(record);
        }
    }
}
