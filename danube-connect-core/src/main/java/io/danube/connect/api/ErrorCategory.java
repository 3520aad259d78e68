package io.danube.connect.api;

import java.util.Locale;

/** How the runtime treats a failure; the lower-case name is the {@code type} label of {@code connector_errors_total}. */
public enum ErrorCategory {
    /** Transient: retried with exponential backoff, then negatively acknowledged for broker redelivery. */
    RETRYABLE,
    /** The record cannot be processed, now or later: it goes to the dead-letter topic and is acknowledged. */
    INVALID_DATA,
    /** The connector cannot continue: graceful shutdown with a non-zero exit code. */
    FATAL;

    /** The metrics label value, e.g. {@code invalid_data}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The category of any exception thrown by connector code: a {@link ConnectorException} keeps its own, anything else
     * (a bug, an unexpected library exception) counts as retryable, so it cannot lose data.
     */
    public static ErrorCategory of(Throwable error) {
        return error instanceof ConnectorException connectorError ? connectorError.category() : RETRYABLE;
    }
}
