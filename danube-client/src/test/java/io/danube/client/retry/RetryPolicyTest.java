package io.danube.client.retry;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void onlyTransientCodesAreRetryable() {
        assertThat(RetryPolicy.isRetryable(Status.Code.UNAVAILABLE)).isTrue();
        assertThat(RetryPolicy.isRetryable(Status.Code.DEADLINE_EXCEEDED)).isTrue();
        assertThat(RetryPolicy.isRetryable(Status.Code.RESOURCE_EXHAUSTED)).isTrue();
        assertThat(RetryPolicy.isRetryable(Status.Code.NOT_FOUND)).isFalse();
        assertThat(RetryPolicy.isRetryable(Status.Code.PERMISSION_DENIED)).isFalse();
        assertThat(RetryPolicy.isRetryable(Status.Code.INTERNAL)).isFalse();
        assertThat(RetryPolicy.isRetryable(Status.Code.OUT_OF_RANGE)).isFalse();
    }

    @Test
    void delaysBetweenAttemptsFollowTheBackoffOfTheSameDelays() {
        assertThat(policy.backoff()).isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000)));
        assertThat(policy.delayMillis(4)).isBetween(500L, 1000L);
    }

    @Test
    void retriesAreAllowedUpToMaxRetries() {
        assertThat(policy.allowsRetry(5)).isTrue();
        assertThat(policy.allowsRetry(6)).isFalse();
    }
}
