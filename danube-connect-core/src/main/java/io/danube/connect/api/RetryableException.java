package io.danube.connect.api;

import java.util.Map;

/**
 * A transient failure (timeout, connection refused, rate limit): the runtime retries the batch with exponential
 * backoff and jitter up to {@code max_retries}, then negatively acknowledges it so the broker redelivers it later.
 */
public class RetryableException extends ConnectorException {

    public RetryableException(String message) {
        this(message, null, Map.of());
    }

    public RetryableException(String message, Throwable cause) {
        this(message, cause, Map.of());
    }

    /** @param context details such as the table or record id, shown in logs and dead-letter attributes */
    public RetryableException(String message, Throwable cause, Map<String, String> context) {
        super(message, cause, context);
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.RETRYABLE;
    }
}
