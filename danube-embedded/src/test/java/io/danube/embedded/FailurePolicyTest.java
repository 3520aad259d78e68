package io.danube.embedded;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailurePolicyTest {

    @Test
    void defaultBackoffDoublesFromOneSecondAndCapsAtSixty() {
        FailurePolicy policy = FailurePolicy.defaults();
        assertThat(policy.redeliveryDelayMillis(1, 0)).isEqualTo(1_000);
        assertThat(policy.redeliveryDelayMillis(2, 0)).isEqualTo(2_000);
        assertThat(policy.redeliveryDelayMillis(3, 0)).isEqualTo(4_000);
        assertThat(policy.redeliveryDelayMillis(7, 0)).isEqualTo(60_000);
        assertThat(policy.redeliveryDelayMillis(500, 0)).isEqualTo(60_000);
    }

    @Test
    void requestedDelayIsAMinimumAndAlsoCapped() {
        FailurePolicy policy = FailurePolicy.defaults();
        assertThat(policy.redeliveryDelayMillis(1, 5_000)).isEqualTo(5_000);
        assertThat(policy.redeliveryDelayMillis(3, 100)).isEqualTo(4_000);
        assertThat(policy.redeliveryDelayMillis(1, 120_000)).isEqualTo(60_000);
    }

    @Test
    void fixedBackoffKeepsTheBaseDelay() {
        FailurePolicy policy = FailurePolicy.defaults().withBackoff(FailurePolicy.Backoff.FIXED);
        assertThat(policy.redeliveryDelayMillis(1, 0)).isEqualTo(1_000);
        assertThat(policy.redeliveryDelayMillis(9, 0)).isEqualTo(1_000);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> FailurePolicy.defaults().withMaxRedeliveryCount(-1))
                .hasMessageContaining("maxRedeliveryCount");
        assertThatThrownBy(() -> FailurePolicy.defaults().withAckTimeout(Duration.ZERO))
                .hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> BrokerConfig.builder().maxUnackedMessages(0).build())
                .hasMessageContaining("maxUnackedMessages");
        assertThatThrownBy(() -> BrokerConfig.builder().heartbeatInterval(Duration.ofMillis(-5)).build())
                .hasMessageContaining("heartbeatInterval");
    }

    @Test
    void subscriptionOverrideWinsOverTheDefault() {
        FailurePolicy drop = FailurePolicy.defaults().withPoisonPolicy(FailurePolicy.PoisonPolicy.DROP);
        BrokerConfig config = BrokerConfig.builder().subscriptionFailurePolicy("audit", drop).build();
        assertThat(config.failurePolicyFor("audit")).isEqualTo(drop);
        assertThat(config.failurePolicyFor("other")).isEqualTo(FailurePolicy.defaults());
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
