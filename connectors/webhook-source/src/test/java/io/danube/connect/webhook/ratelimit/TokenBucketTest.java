package io.danube.connect.webhook.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void fullBucketAdmitsExactlyItsCapacityThenTellsTheWaitForTheNextToken() {
        TokenBucket bucket = new TokenBucket(5, 2.0, now::get);

        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake()).isZero();
        }

        assertThat(bucket.tryTake()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void tokensRefillAtTheConfiguredRateUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(3, 10.0, now::get);
        for (int i = 0; i < 3; i++) {
            bucket.tryTake();
        }

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();

        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertThat(bucket.isFull()).isTrue();
    }
}
