package io.danube.connect.api;

import java.util.List;

/**
 * Reads from an external system and hands records to the runtime, which publishes them to Danube.
 *
 * <p>Lifecycle, all on one runtime thread unless stated: {@link #initialize} once, {@link #producerConfigs()} once
 * (one producer per entry is created), then either {@link #poll()} in a loop ({@link SourceMode#POLLING}) or
 * {@link #start(SourceSender)} once ({@link SourceMode#STREAMING}); {@link #commit} after records carrying offsets are
 * accepted by the broker; {@link #stop()} when the runtime begins to stop; {@link #shutdown()} once at the end, after
 * the last commit.
 *
 * <p>Errors: throw {@link RetryableException} from {@code poll} to be polled again after a backoff,
 * {@link FatalException} to stop the connector with a non-zero exit code.
 */
public interface SourceConnector extends Connector {

    /** Every destination topic, up front. Must not be empty. */
    List<ProducerConfig> producerConfigs();

    /** Polling (default) or streaming. */
    default SourceMode mode() {
        return SourceMode.POLLING;
    }

    /**
     * Returns the records available now, or an empty list (never null) if there are none; must not block for long.
     * Polling mode only.
     */
    default List<SourceRecord> poll() {
        throw new FatalException(getClass().getName() + " is a polling source but does not implement poll()");
    }

    /**
     * Starts pushing records through {@code sender}, typically from the connector's own threads, and returns.
     * Streaming mode only.
     */
    default void start(SourceSender sender) {
        throw new FatalException(getClass().getName() + " is a streaming source but does not implement start()");
    }

    /**
     * Called with the offsets of records the broker accepted, in send order, once every record sent before them was
     * accepted too. The default does nothing.
     */
    default void commit(List<Offset> offsets) {
    }

    /**
     * Tells a streaming source to stop producing: called once when the runtime begins to stop, before it drains the
     * records in flight. Records sent after this may be refused. The default does nothing.
     */
    default void stop() {
    }
}
