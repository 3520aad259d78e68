package io.danube.connect.config;

import java.time.Duration;

/**
 * {@code [retry]}: how often and how patiently a retryable failure is retried.
 *
 * @param maxRetries     retries after the first attempt (0..100); default 3, so at most 4 attempts
 * @param retryBackoff   delay before the first retry, doubled per retry; default 1 s
 * @param maxBackoff     upper bound of any delay; default 30 s
 */
public record RetrySettings(int maxRetries, Duration retryBackoff, Duration maxBackoff) {

    public static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
}
