package io.danube.connect.api;

/** How a source connector produces records. */
public enum SourceMode {
    /** The runtime calls {@link SourceConnector#poll()} in a loop, sleeping {@code poll_interval_ms} when it is empty. */
    POLLING,
    /** The runtime calls {@link SourceConnector#start(SourceSender)} once; the connector pushes records itself. */
    STREAMING
}
