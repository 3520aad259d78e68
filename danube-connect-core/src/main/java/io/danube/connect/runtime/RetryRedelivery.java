package io.danube.connect.runtime;

import io.danube.connect.config.RetrySettings;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;
import org.apache.camel.model.RedeliveryPolicyDefinition;

/**
 * The {@code [retry]} settings as Camel's error handler: {@code max_retries} redeliveries, the first after
 * {@code retry_backoff_ms}, each later one after the previous delay doubled, up to {@code max_backoff_ms}; every delay
 * is varied by up to ±25 % (Camel's collision avoidance) so that failing routes do not retry in step, and so grows
 * 1.5 to 2.5 times per retry. The one backoff of routes: the sink's batch and record routes and the source's publish
 * and poll routes all take their delays from {@link #policy}.
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
        handler.setRedeliveryPolicy(policy(retry, maximumRedeliveries).retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false));
        return handler;
    }

    /** The {@code [retry]} delays with {@code maximumRedeliveries}; callers add how retries are logged. */
    public static RedeliveryPolicyDefinition policy(RetrySettings retry, int maximumRedeliveries) {
        return new RedeliveryPolicyDefinition()
                .maximumRedeliveries(maximumRedeliveries)
                .redeliveryDelay(retry.retryBackoff().toMillis())
                .maximumRedeliveryDelay(retry.maxBackoff().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .useCollisionAvoidance()
                .collisionAvoidancePercent(JITTER_PERCENT)
                .logExhausted(false);
    }
}
