package io.danube.client.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void delayGrowsExponentiallyWithJitterBetweenHalfAndFull() {
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delayMillis(0)).isBetween(50L, 100L);
            assertThat(backoff.delayMillis(2)).isBetween(200L, 400L);
        }
    }

    @Test
    void delayNeverExceedsTheCap() {
        for (int retry = 0; retry < 100; retry++) {
            assertThat(backoff.delayMillis(retry)).isLessThanOrEqualTo(1000L);
        }
        assertThat(backoff.delayMillis(4)).isBetween(500L, 1000L);
        assertThat(backoff.delayMillis(99)).isBetween(500L, 1000L);
        assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isBetween(500L, 1000L);
    }

    @Test
    void negativeDelaysAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
