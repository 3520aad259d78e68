package io.danube.connect.runtime;

import io.danube.connect.config.RetrySettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RedeliveryPolicyDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RetryRedeliveryTest {

    private static final RetrySettings RETRY = new RetrySettings(3, Duration.ofMillis(40), Duration.ofMillis(1000));

    private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();

    /** Sends one exchange through a route that always fails under {@code retry}; returns the exchange. */
    private Exchange alwaysFailing(RetrySettings retry) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:failing").errorHandler(RetryRedelivery.errorHandler(retry))
                            .process(exchange -> {
                                attemptTimes.add(System.nanoTime());
                                throw new IllegalStateException("always fails");
                            });
                }
            });
            camel.start();
            return camel.createProducerTemplate().send("direct:failing", exchange -> exchange.getIn().setBody("x"));
        }
    }

    @Test
    void maxRetriesAllowsThatManyRetriesAfterTheFirstAttemptThenTheFailureStaysOnTheExchange() throws Exception {
        Exchange done = alwaysFailing(RETRY);

        assertThat(attemptTimes).hasSize(4);
        assertThat(done.getException()).hasMessage("always fails");
    }

    @Test
    void theWaitBeforeEachRetryGrowsAtLeastOneAndAHalfTimes() throws Exception {
        alwaysFailing(RETRY);

        long atLeast = 30;
        for (int retry = 1; retry <= 3; retry++) {
            long waited = Duration.ofNanos(attemptTimes.get(retry) - attemptTimes.get(retry - 1)).toMillis();
            assertThat(waited).as("wait before retry %d", retry).isGreaterThanOrEqualTo(atLeast);
            atLeast = atLeast * 3 / 2;
        }
    }

    @Test
    void retrySettingsBecomeAnExponentialRedeliveryPolicyWithJitterCappedAtTheMaximumBackoff() {
        RedeliveryPolicyDefinition policy = RetryRedelivery.errorHandler(RETRY).getRedeliveryPolicy();

        assertThat(policy.getMaximumRedeliveries()).isEqualTo("3");
        assertThat(policy.getRedeliveryDelay()).isEqualTo("40");
        assertThat(policy.getMaximumRedeliveryDelay()).isEqualTo("1000");
        assertThat(policy.getUseExponentialBackOff()).isEqualTo("true");
        assertThat(policy.getBackOffMultiplier()).isEqualTo("2.0");
        assertThat(policy.getUseCollisionAvoidance()).isEqualTo("true");
        assertThat(policy.getCollisionAvoidanceFactor()).isEqualTo("0.25");
    }
}
