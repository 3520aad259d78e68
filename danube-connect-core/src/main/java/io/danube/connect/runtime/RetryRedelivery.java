package io.danube.connect.runtime;

import io.danube.connect.config.RetrySettings;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;

/**
 * The {@code [retry]} settings as Camel's error handler: {@code max_retries} redeliveries, the first after
 * {@code retry_backoff_ms}, each later one after the previous delay doubled, up to {@code max_backoff_ms}; every delay
 * is varied by up to ±25 % (Camel's collision avoidance) so that failing routes do not retry in step, and so grows
 * 1.5 to 2.5 times per retry. Every retry is logged at WARN.
 */
public final class RetryRedelivery {

    private static final double JITTER_PERCENT = 25;

    private RetryRedelivery() {
    }

    /** An error handler that redelivers {@code max_retries} times. */
    public static DefaultErrorHandlerBuilder errorHandler(RetrySettings retry) {
        return errorHandler(retry, retry.maxRetries());
    }

    /** An error handler with the {@code [retry]} delays and its own limit; -1 redelivers until the route stops. */
    public static DefaultErrorHandlerBuilder errorHandler(RetrySettings retry, int maximumRedeliveries) {
        DefaultErrorHandlerBuilder handler = new DefaultErrorHandlerBuilder();
        handler.maximumRedeliveries(maximumRedeliveries)
                .redeliveryDelay(retry.retryBackoff().toMillis())
                .maximumRedeliveryDelay(retry.maxBackoff().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .collisionAvoidancePercent(JITTER_PERCENT)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false)
                .logExhausted(false);
        return handler;
    }
}
