package io.danube.connect.runtime;

import io.danube.connect.config.RetrySettings;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(new RetrySettings(3, Duration.ofMillis(100),
            Duration.ofMillis(1_000)));

    @RepeatedTest(20)
    void delayDoublesPerRetryWithJitterBetweenHalfAndOneAndAHalf() {
        assertThat(backoff.delayBefore(1).toMillis()).isBetween(50L, 150L);
        assertThat(backoff.delayBefore(2).toMillis()).isBetween(100L, 300L);
        assertThat(backoff.delayBefore(3).toMillis()).isBetween(200L, 600L);
    }

    @RepeatedTest(20)
    void delayNeverExceedsTheMaximumBackoff() {
        assertThat(backoff.delayBefore(5).toMillis()).isBetween(500L, 1_000L);
        assertThat(backoff.delayBefore(200).toMillis()).isBetween(500L, 1_000L);
    }

    @Test
    void maxRetriesAllowsThatManyRetriesAfterTheFirstAttempt() {
        assertThat(backoff.allowsRetry(1)).isTrue();
        assertThat(backoff.allowsRetry(3)).isTrue();
        assertThat(backoff.allowsRetry(4)).isFalse();
    }
}
